/** The one result shape of every server action (importable from client components). */
export type ActionResult<T = null> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };
