/**
 * What went wrong, as one code that route handlers turn into one HTTP status (lib/http/route.ts, ADR 022). Every
 * error of ours that a caller may be told about is an AppError; anything else is a bug (a 500, logged).
 */
export const HTTP_STATUS = {
  BAD_REQUEST: 400,
  ACCESS_DENIED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof HTTP_STATUS;

/** An error with a code (its HTTP status) and a French message that may be shown as it is. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
  }
}

/**
 * Errors meant for the person in front of the screen carry a French message.
 * Anything else is a bug or a technical failure: logged, and shown as a
 * generic message (never as the user's mistake). By default the request
 * conflicts with the state of things (409); subclasses say otherwise.
 */
export class UserFacingError extends AppError {
  readonly fieldErrors?: Record<string, string>;
  constructor(message: string, fieldErrors?: Record<string, string>, code: ErrorCode = "CONFLICT") {
    super(code, message);
    this.name = "UserFacingError";
    this.fieldErrors = fieldErrors;
  }
}

/** What was asked for does not exist, or is not the caller's to see (the same answer for both). */
export class NotFoundError extends UserFacingError {
  constructor(message = "Élément introuvable.") {
    super(message, undefined, "NOT_FOUND");
    this.name = "NotFoundError";
  }
}

/** The caller may not do this: not signed in, or not in the audience. */
export class AccessDeniedError extends UserFacingError {
  constructor(message = "Accès refusé.") {
    super(message, undefined, "ACCESS_DENIED");
    this.name = "AccessDeniedError";
  }
}

/** A field's own message: the form shows it next to the field, and as the summary. */
export function fieldError(name: string, message: string): never {
  throw new UserFacingError(message, { [name]: message });
}

/** Why the database could not serve a request: it is gone, or it did not answer in time. */
export type UnavailableReason = "UNREACHABLE" | "SATURATED";

export const SERVICE_MESSAGES: Record<UnavailableReason, string> = {
  UNREACHABLE: "Le service est momentanément indisponible : réessayez dans quelques minutes.",
  SATURATED: "Le service est très sollicité : réessayez dans un instant.",
};

/** The digest Next.js carries to the error pages for this error (it keeps a digest an error already has). */
export const SERVICE_UNAVAILABLE_DIGEST = "PORTAIL_SERVICE_INDISPONIBLE";

/**
 * A technical failure, never the user's mistake: the database is down, or
 * saturated past the limits of lib/db.ts. Its French message may be shown as
 * it is; nothing of the request was written (its transaction was rolled back).
 * Route handlers answer 503, pages show « Service momentanément indisponible ».
 */
export class ServiceUnavailableError extends AppError {
  readonly reason: UnavailableReason;
  readonly digest = SERVICE_UNAVAILABLE_DIGEST;
  constructor(reason: UnavailableReason, cause: unknown) {
    super("SERVICE_UNAVAILABLE", SERVICE_MESSAGES[reason], { cause });
    this.name = "ServiceUnavailableError";
    this.reason = reason;
  }
}

// Prisma's codes: P1001 unreachable, P1002 reached but timed out, P1008 operation timed out, P1017 connection
// closed, P2024 pool timeout (Rust engine), P2028 transaction API (could not start in time, expired), P2037 too many connections.
const PRISMA_CODES: Record<string, UnavailableReason> = {
  P1001: "UNREACHABLE",
  P1017: "UNREACHABLE",
  P1002: "SATURATED",
  P1008: "SATURATED",
  P2024: "SATURATED",
  P2028: "SATURATED",
  P2037: "SATURATED",
};
// PostgreSQL's SQLSTATE: 57014 statement timeout, 55P03 lock timeout, 25P03 idle-in-transaction timeout,
// 53xxx insufficient resources (53300 too many connections); 57P01-57P03 shutdown / starting up, 08xxx connection.
const SQLSTATE_SATURATED = /^(57014|55P03|25P03|53\w{3})$/;
const SQLSTATE_UNREACHABLE = /^(57P0[1-3]|08\w{3})$/;
// Node's socket errors.
const SOCKET_UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const SOCKET_SATURATED = new Set(["ETIMEDOUT"]);
// node-postgres's own errors carry no code: their messages are the only signal (pg 8.x, pg-pool 3.x).
const PG_SATURATED = /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout|Query read timeout)$/;
const PG_UNREACHABLE =
  /^(Connection terminated( unexpectedly)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)$/;

function reasonOfOne(error: object): UnavailableReason | null {
  const { code, message, name } = error as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof code === "string") {
    if (/^P\d{4}$/.test(code)) return PRISMA_CODES[code] ?? null;
    if (SQLSTATE_SATURATED.test(code) || SOCKET_SATURATED.has(code)) return "SATURATED";
    if (SQLSTATE_UNREACHABLE.test(code) || SOCKET_UNREACHABLE.has(code)) return "UNREACHABLE";
  }
  // A driver adapter's error describes the pg error in `cause` ({ kind, originalCode }).
  const kind = (error as { kind?: unknown }).kind;
  if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed") return "UNREACHABLE";
  if (kind === "SocketTimeout" || kind === "TooManyConnections") return "SATURATED";
  const original = (error as { originalCode?: unknown }).originalCode;
  if (typeof original === "string") {
    if (SQLSTATE_SATURATED.test(original)) return "SATURATED";
    if (SQLSTATE_UNREACHABLE.test(original)) return "UNREACHABLE";
  }
  if (name === "Error" || name === undefined) {
    if (typeof message === "string" && PG_SATURATED.test(message)) return "SATURATED";
    if (typeof message === "string" && PG_UNREACHABLE.test(message)) return "UNREACHABLE";
  }
  return null;
}

/**
 * Is this error the database being unreachable or saturated (and which)? Looks
 * through what Prisma wraps: its known errors (code, meta.driverAdapterError),
 * the driver adapter's errors (cause), pg's and Node's errors, and `cause` chains.
 */
export function unavailableReason(error: unknown): UnavailableReason | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    if (current instanceof ServiceUnavailableError) return current.reason;
    const reason = reasonOfOne(current);
    if (reason) return reason;
    const { cause, meta } = current as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
    queue.push(cause, meta?.driverAdapterError);
  }
  return null;
}

/** The error as a ServiceUnavailableError when it is one (in substance), else itself. */
export function asServiceUnavailable(error: unknown): unknown {
  if (error instanceof ServiceUnavailableError) return error;
  const reason = unavailableReason(error);
  return reason ? new ServiceUnavailableError(reason, error) : error;
}
