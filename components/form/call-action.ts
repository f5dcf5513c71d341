"use client";
import { unstable_rethrow } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";

/** What proxy.ts answers, in French, to a request it refuses before any action runs (« Requête refusée : … »). */
const REFUSED = /^Requête refusée : /;

export const SEND_FAILED =
  "L'envoi n'a pas abouti (connexion interrompue ou service indisponible). Le formulaire est conservé : réessayez dans un instant.";

/**
 * Calls a server action from a form. The action itself answers an ActionResult; but a request refused before the
 * action runs (too big, unreadable: proxy.ts's French 4xx) or a lost connection makes the call throw, which would
 * replace the page by the error screen and lose what was typed. Both become an ordinary failure here, so the form
 * stays on screen with the reason: proxy.ts's own French text, or a French technical failure (never Next.js's
 * English message).
 */
export async function callAction<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof Error && REFUSED.test(error.message)) return { ok: false, error: error.message.slice(0, 300) };
    console.error("[formulaire] envoi en échec :", error);
    return { ok: false, error: SEND_FAILED };
  }
}
