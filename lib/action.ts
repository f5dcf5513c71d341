import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { UserFacingError } from "@/lib/workflow/errors";

import type { ActionResult } from "./action-result";

export type { ActionResult };

export const GENERIC_ERROR = "Une erreur inattendue est survenue. Réessayez dans un instant ; si elle persiste, contactez la structure.";
export const INVALID_INPUT = "Le formulaire contient des erreurs : corrigez les champs signalés.";

/** First message per field, keyed by its path ("address.city"). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Parses the input with the form's schema, then runs the use case. Only
 * UserFacingError messages reach the screen; anything else is logged and
 * replaced by a generic French message. Authorization is done inside `run`
 * (requireParent()/requireStaff()), before anything is read or written.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  run: (data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, error: INVALID_INPUT, fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    return { ok: true, data: await run(parsed.data) };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof UserFacingError) {
      return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    }
    console.error("[action] erreur inattendue :", error);
    return { ok: false, error: GENERIC_ERROR };
  }
}
