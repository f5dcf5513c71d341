import { parentRoute } from "@/lib/http/route";

/**
 * 204 for a signed-in parent (403 otherwise): the session check of a parent's server action (the cookie, the
 * server-side session and the user read again, lib/auth/session.ts) and nothing else. It says nothing the caller's
 * own cookie does not already hold. The opening-day rush bench (bench/rush.ts) measures the no-op action against it:
 * what Next.js's action path costs beyond the session.
 */
export const GET = parentRoute(async () => new Response(null, { status: 204, headers: { "cache-control": "no-store" } }));
