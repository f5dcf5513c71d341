import "server-only";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { AccessDeniedError, AppError, asServiceUnavailable, HTTP_STATUS, ServiceUnavailableError } from "@/lib/errors";

/**
 * Route handlers by construction, as server actions are (lib/action.ts, ADR 022): every exported HTTP method of an
 * `app/**\/route.ts` is built by one of the wrappers below, which checks who calls before anything of the request
 * is read, then runs the handler with the caller. An AppError thrown by the handler becomes its HTTP status with
 * `{ error: <its French message> }`; anything else is a bug, left to Next.js (500, logged).
 */
export type RouteAudience = "PUBLIC" | "SIGNED" | "PARENT" | "PARENT_OR_STAFF" | "STAFF";

/** As Next.js calls it; a route without parameters may be called without its (empty) context, as tests do. */
export type RouteHandler<C> = unknown extends C
  ? (request: Request, context?: C) => Promise<Response>
  : (request: Request, context: C) => Promise<Response>;

const audiences = new WeakMap<RouteHandler<never>, RouteAudience>();

/** The audience a route handler was built for; undefined for a function no wrapper built (a test fails on it). */
export function routeAudienceOf(handler: unknown): RouteAudience | undefined {
  return typeof handler === "function" ? audiences.get(handler as RouteHandler<never>) : undefined;
}

/** How long a client should wait before trying again while the database is unavailable (as scripts/lib/serve.ts says). */
export const RETRY_AFTER_SECONDS = "30";

/** The one mapping of our errors to HTTP: the code's status, the French message, Retry-After for a 503. */
export function errorResponse(thrown: unknown): Response {
  // An AppError says what it is (even one whose cause is the database); anything else may be the database, in substance.
  const error = thrown instanceof AppError ? thrown : asServiceUnavailable(thrown);
  if (!(error instanceof AppError)) throw thrown;
  if (error instanceof ServiceUnavailableError) {
    console.error(`[route] base de données ${error.reason === "SATURATED" ? "saturée" : "injoignable"} :`, error.cause);
  }
  const headers = error.code === "SERVICE_UNAVAILABLE" ? { "retry-after": RETRY_AFTER_SECONDS } : undefined;
  return Response.json({ error: error.message }, { status: HTTP_STATUS[error.code], headers });
}

/** `authenticate` answers who calls, or throws AccessDeniedError, or (a machine's proof) answers its own refusal. */
function build<C, A>(
  audience: RouteAudience,
  authenticate: (request: Request) => Promise<A | Response>,
  run: (request: Request, caller: A, context: C) => Promise<Response>,
): RouteHandler<C> {
  const handler = async (request: Request, context: C) => {
    try {
      const caller = await authenticate(request);
      if (caller instanceof Response) return caller;
      return await run(request, caller, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
  audiences.set(handler as RouteHandler<never>, audience);
  return handler as RouteHandler<C>;
}

const nobody = async () => null;
const isStaff = (user: SessionUser) => user.role === "STAFF" || user.role === "ADMIN";

/** Signed in, in the audience, or « Accès refusé. » (403) — the same answer to an anonymous caller. */
async function signedIn<T>(admit: (user: SessionUser) => T | null): Promise<T> {
  const user = await getSessionUser();
  const admitted = user ? admit(user) : null;
  if (admitted === null) throw new AccessDeniedError();
  return admitted;
}

/** Anyone, no session read (health, logo, sign-in itself, the calendar feed whose URL holds its own secret). */
export const publicRoute = <C = unknown>(run: (request: Request, context: C) => Promise<Response>) =>
  build<C, null>("PUBLIC", nobody, (request, _caller, context) => run(request, context));

/**
 * A machine that proves itself with the request, not a session (Stripe's signature, this installation's key):
 * `verify` reads the proof first and answers the refusal (a Response, or an AppError thrown); `run` gets what it
 * verified.
 */
export const signedRoute = <V, C = unknown>(
  verify: (request: Request) => Promise<V | Response>,
  run: (request: Request, verified: V, context: C) => Promise<Response>,
) => build("SIGNED", verify, run);

/** A parent of a family; the family always comes from the session. */
export const parentRoute = <C = unknown>(
  run: (request: Request, parent: SessionUser & { familyId: string }, context: C) => Promise<Response>,
) =>
  build("PARENT", () => signedIn((user) => (user.role === "PARENT" && user.familyId ? { ...user, familyId: user.familyId } : null)), run);

/**
 * A parent of a family or staff, for what both read (a document, an invoice's PDF): `familyId` is the parent's
 * family, whose own the handler gives, or null for staff, who may read any.
 */
export const parentOrStaffRoute = <C = unknown>(
  run: (request: Request, reader: { user: SessionUser; familyId: string | null }, context: C) => Promise<Response>,
) =>
  build(
    "PARENT_OR_STAFF",
    () =>
      signedIn((user) =>
        isStaff(user) ? { user, familyId: null } : user.role === "PARENT" && user.familyId ? { user, familyId: user.familyId } : null,
      ),
    run,
  );

/** Staff (an administrator acts as staff). */
export const staffRoute = <C = unknown>(run: (request: Request, staff: SessionUser, context: C) => Promise<Response>) =>
  build("STAFF", () => signedIn((user) => (isStaff(user) ? user : null)), run);
