import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the app learns while serving one HTTP request, for our server around Next.js
 * (scripts/lib/serve.ts): when the database was unavailable, the 500 that Next.js
 * gives a failed page becomes a 503 with Retry-After; the signed-in user's id goes
 * into the request's log line. One store per process, on globalThis, because the
 * server and Next.js's bundle load this file separately.
 */
export interface RequestFaults {
  databaseUnavailable: boolean;
  userId?: string;
}

const KEY = Symbol.for("portail-famille.request-faults");

export function requestFaults(): AsyncLocalStorage<RequestFaults> {
  const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestFaults> | undefined>;
  holder[KEY] ??= new AsyncLocalStorage<RequestFaults>();
  return holder[KEY];
}

/** Marks the current request (if it is served by our server) as failed by the database. */
export function noteDatabaseUnavailable(): void {
  const store = requestFaults().getStore();
  if (store) store.databaseUnavailable = true;
}

/** Notes who made the current request (for its log line: the id only, never a name or an e-mail). */
export function noteRequestUser(userId: string): void {
  const store = requestFaults().getStore();
  if (store) store.userId = userId;
}
