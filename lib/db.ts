import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { asServiceUnavailable, ServiceUnavailableError } from "@/lib/errors";
import { noteDatabaseUnavailable } from "@/lib/request-faults";

/** The transaction client handed to domain functions that must join a caller's transaction. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Every wait on the database is bounded, here and only here (why these
 * figures: docs/decisions/017-database-limits-and-faults.md). A limit passed
 * means a French « très sollicité » / « indisponible » (ServiceUnavailableError),
 * never a request that waits without end, and the transaction is rolled back.
 */
export const DATABASE_LIMITS = {
  /** Connections of this process (DB_POOL_SIZE overrides). */
  poolSize: Number(process.env.DB_POOL_SIZE ?? 10),
  /** Waiting for a free connection of the pool, or for a new one to be ready. */
  acquireMs: 10_000,
  /** One statement, lock waits included (PostgreSQL cancels it: 57014). */
  statementMs: 10_000,
  /** Waiting for one row or advisory lock (PostgreSQL cancels it: 55P03). */
  lockMs: 8_000,
  /** No answer at all (a hung server, which cannot cancel anything): the client gives up. */
  readMs: 12_000,
  /** A transaction left open by a process that died or froze: PostgreSQL rolls it back (25P03). */
  idleInTransactionMs: 30_000,
  /**
   * A parent's send waiting its turn for a slot in this process, holding no connection (lib/reservations/slot-queue.ts,
   * ADR 045): an opening-day rush on one slot queues here, in arrival order, instead of filling the pool.
   */
  slotQueueMs: 60_000,
} as const;

/** How long a transaction may wait for a connection, and run, unless its caller says otherwise. */
export const TRANSACTION_LIMITS = {
  // Prisma only checks maxWait once the pool has given a connection; the pool's own limit is what bounds the wait.
  maxWait: DATABASE_LIMITS.acquireMs,
  timeout: 20_000,
} as const;

/**
 * The pool, with one guard node-postgres and the adapter lack: a connection
 * that dies while a transaction holds it is never given back (Prisma's
 * ROLLBACK fails on it, so the adapter's release is never called), and each
 * such death would take one place of the pool for good. It is given back here.
 */
function createPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: DATABASE_LIMITS.poolSize,
    connectionTimeoutMillis: DATABASE_LIMITS.acquireMs,
    query_timeout: DATABASE_LIMITS.readMs,
    statement_timeout: DATABASE_LIMITS.statementMs,
    lock_timeout: DATABASE_LIMITS.lockMs,
    idle_in_transaction_session_timeout: DATABASE_LIMITS.idleInTransactionMs,
  });
  // An idle connection the server closes (a restart, an administrator, a failover) is an 'error' of the pool: without
  // a listener it would be an uncaught exception that stops the process. The pool drops it and opens another.
  pool.on("error", (error) => console.error(`[db] connexion inactive perdue : ${error.message}`));
  const lent = new WeakSet<pg.PoolClient>();
  pool.on("acquire", (client) => lent.add(client));
  pool.on("release", (_error, client) => lent.delete(client));
  pool.on("connect", (client) => {
    client.once("end", () => {
      if (lent.has(client as pg.PoolClient)) (client as pg.PoolClient).release(new Error("connexion perdue pendant une transaction"));
    });
    oneQueryAtATime(client);
  });
  return pool;
}

/**
 * Inside a transaction, Prisma sends the relations of one read side by side (its interpreter loads them with
 * Promise.all) on the transaction's one connection. pg queues them itself, which it deprecates and pg 9 removes
 * (« Calling client.query() when the client is already executing a query »): they are chained here instead, one
 * after the other, as pg asks. Only the promise form is chained (the adapter's); a callback or a submittable
 * (the pool's own checks) goes straight through.
 */
function oneQueryAtATime(client: pg.Client): void {
  const send = client.query.bind(client) as (...args: unknown[]) => unknown;
  let previous: Promise<unknown> = Promise.resolve();
  const chained = (...args: unknown[]) => {
    const first = args[0] as { submit?: unknown } | undefined;
    if (typeof args.at(-1) === "function" || typeof first?.submit === "function") return send(...args);
    const result = previous.then(() => send(...args));
    previous = result.catch(() => undefined);
    return result;
  };
  client.query = chained as typeof client.query;
}

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL n'est pas défini : lancez l'application avec « npm start ».");
  }
  const adapter = new PrismaPg(createPool(connectionString));
  const client = new PrismaClient({ adapter }).$extends({
    query: {
      // Every query (models and raw SQL, in or out of a transaction): an unreachable or saturated
      // database becomes a ServiceUnavailableError, whose digest the error pages recognise.
      async $allOperations({ args, query }) {
        try {
          return await query(args);
        } catch (error) {
          throw unavailable(error);
        }
      },
    },
  });
  // A query-only extension leaves the client's API as it is: it is still a PrismaClient to its users.
  return client as unknown as PrismaClient;
}

function unavailable(error: unknown): unknown {
  const mapped = asServiceUnavailable(error);
  if (mapped instanceof ServiceUnavailableError) noteDatabaseUnavailable();
  return mapped;
}

// One client per process, kept across hot reloads in development.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

// Created on first use, so that importing this module (e.g. during `next build`)
// never needs a database.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value: unknown = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

/**
 * Every interactive transaction of the domain goes through here, so that its
 * limits and the handling of a saturated database are decided once: a
 * transaction that cannot start or finish in time is rolled back and throws a
 * ServiceUnavailableError (« Le service est très sollicité… »).
 */
export function transaction<T>(
  run: (tx: Tx) => Promise<T>,
  // No maxWait here: the pool bounds the wait for a connection (DATABASE_LIMITS.acquireMs), whatever Prisma is told.
  options?: { timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel },
): Promise<T> {
  return db.$transaction(run, { ...TRANSACTION_LIMITS, ...options }).catch((error: unknown) => {
    throw unavailable(error);
  });
}

/** A known Prisma error of this code: P2002 unique constraint, P2003 foreign key, … */
export function isPrismaError(error: unknown, code: "P2002" | "P2003"): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}

/** A unique constraint refused a write: P2002 from the query builder, P2010 (SQLSTATE 23505) from raw SQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (isPrismaError(error, "P2002")) return true;
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2010") return false;
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined)?.cause;
  return cause?.originalCode === "23505";
}
