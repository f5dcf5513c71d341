import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { requireAdmin, requireParent, requireStaff, requireUser, type SessionUser } from "@/lib/auth/session";
import { asServiceUnavailable, ServiceUnavailableError, UserFacingError } from "@/lib/errors";

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
 * Only UserFacingError messages reach the screen. An unavailable or saturated
 * database is a technical failure with its own French message (« très
 * sollicité… », its transaction rolled back); anything else is logged and
 * replaced by a generic French message.
 */
function failure(thrown: unknown): ActionResult<never> {
  unstable_rethrow(thrown);
  const error = asServiceUnavailable(thrown);
  if (error instanceof UserFacingError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
  if (error instanceof ServiceUnavailableError) {
    console.error(`[action] base de données ${error.reason === "SATURATED" ? "saturée" : "injoignable"} :`, error.cause);
    return { ok: false, error: error.message };
  }
  console.error("[action] erreur inattendue :", error);
  return { ok: false, error: GENERIC_ERROR };
}

/** Who may call an action. Every exported server action is built by one of the wrappers below. */
export type Audience = "PUBLIC" | "USER" | "PARENT" | "STAFF" | "ADMIN";

export type ServerAction<T> = (input: unknown) => Promise<ActionResult<T>>;

const audiences = new WeakMap<ServerAction<unknown>, Audience>();

/** The audience an action was built for; undefined for a function no wrapper built (a test fails on it). */
export function audienceOf(action: unknown): Audience | undefined {
  return typeof action === "function" ? audiences.get(action as ServerAction<unknown>) : undefined;
}

/**
 * The one shape of a server action: who is calling is checked first (nothing
 * of the input is read for a caller who may not call), then the input is
 * parsed with the form's schema, then the use case runs.
 */
function build<C, S extends z.ZodType, T>(
  audience: Audience,
  authenticate: () => Promise<C>,
  schema: S,
  run: (data: z.output<S>, caller: C) => Promise<T>,
): ServerAction<T> {
  const action: ServerAction<T> = async (input: unknown) => {
    let caller: C;
    try {
      caller = await authenticate();
    } catch (error) {
      return failure(error);
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, error: INVALID_INPUT, fieldErrors: fieldErrorsOf(parsed.error) };
    try {
      return { ok: true, data: await run(parsed.data, caller) };
    } catch (error) {
      return failure(error);
    }
  };
  audiences.set(action as ServerAction<unknown>, audience);
  return action;
}

const nobody = async () => null;

/** Anyone, signed in or not (account request, forgotten password): the input is the whole story. */
export const publicAction = <S extends z.ZodType, T>(schema: S, run: (data: z.output<S>) => Promise<T>) =>
  build("PUBLIC", nobody, schema, (data) => run(data));

/** Any signed-in user, parent or staff (e.g. « Se déconnecter de tous les appareils »). */
export const userAction = <S extends z.ZodType, T>(schema: S, run: (data: z.output<S>, user: SessionUser) => Promise<T>) =>
  build("USER", requireUser, schema, run);

/** A parent of a family; the family always comes from the session, never from the input. */
export const parentAction = <S extends z.ZodType, T>(
  schema: S,
  run: (data: z.output<S>, parent: SessionUser & { familyId: string }) => Promise<T>,
) => build("PARENT", requireParent, schema, run);

/** Staff (an administrator acts as staff). */
export const staffAction = <S extends z.ZodType, T>(schema: S, run: (data: z.output<S>, staff: SessionUser) => Promise<T>) =>
  build("STAFF", requireStaff, schema, run);

/** Administrators only. */
export const adminAction = <S extends z.ZodType, T>(schema: S, run: (data: z.output<S>, admin: SessionUser) => Promise<T>) =>
  build("ADMIN", requireAdmin, schema, run);
