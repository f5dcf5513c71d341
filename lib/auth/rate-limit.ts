import "server-only";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Fixed-window counters kept in PostgreSQL by rate-limiter-flexible
 * (docs/decisions/009-sessions-and-limits.md). Each `take` is one atomic
 * INSERT … ON CONFLICT DO UPDATE … RETURNING: of N parallel requests, at most
 * `points` get through, whatever the timing. Table "RateLimit" comes from our
 * migrations (tableCreated: true).
 */
const globalForLimits = globalThis as unknown as { rateLimitPool?: pg.Pool; limiters?: Map<string, RateLimiterPostgres> };

function pool(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL n'est pas défini.");
  globalForLimits.rateLimitPool ??= new pg.Pool({ connectionString, max: 4 });
  return globalForLimits.rateLimitPool;
}

export interface Limit {
  /** Key prefix: one counter per (name, key). */
  name: string;
  points: number;
  windowSeconds: number;
}

function limiter(limit: Limit): RateLimiterPostgres {
  globalForLimits.limiters ??= new Map();
  const id = `${limit.name}:${limit.points}:${limit.windowSeconds}`;
  let found = globalForLimits.limiters.get(id);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: "RateLimit",
      tableCreated: true,
      keyPrefix: limit.name,
      points: limit.points,
      duration: limit.windowSeconds,
      clearExpiredByTimeout: false,
    });
    globalForLimits.limiters.set(id, found);
  }
  return found;
}

/** Is the counter already at its limit? Reads only: a refused request never extends anything. */
export async function isExhausted(limit: Limit, key: string): Promise<boolean> {
  const state = await limiter(limit).get(key);
  return state !== null && state.consumedPoints >= limit.points;
}

/**
 * Takes one point atomically. Returns false (and gives the point back) when the
 * limit is reached, so that the counter holds exactly what was let through.
 */
export async function take(limit: Limit, key: string): Promise<boolean> {
  const rl = limiter(limit);
  try {
    await rl.consume(key, 1);
    return true;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    await rl.reward(key, 1);
    return false;
  }
}

/** Gives back a point taken for something that did not happen. */
export async function giveBack(limit: Limit, key: string): Promise<void> {
  await limiter(limit).reward(key, 1);
}

/** Clears a counter (a successful sign-in, a new password). */
export async function clear(limit: Limit, key: string): Promise<void> {
  await limiter(limit).delete(key);
}

/** Minutes until the counter's window ends (for the message), at least 1. */
export async function minutesLeft(limit: Limit, key: string): Promise<number> {
  const state = await limiter(limit).get(key);
  return Math.max(1, Math.ceil((state?.msBeforeNext ?? 60_000) / 60_000));
}
