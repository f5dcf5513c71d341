import pg from "pg";
import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Issue 21, « transactions under load »: every wait on the database is bounded
 * (lib/db.ts DATABASE_LIMITS), and passing a bound gives the French message
 * « très sollicité » with nothing written, never Prisma's English.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import { addChildAction } from "@/app/ma-famille/actions";
import { DATABASE_LIMITS, db, transaction } from "@/lib/db";
import { SERVICE_MESSAGES, ServiceUnavailableError, unavailableReason } from "@/lib/errors";
import { createFamily } from "@/prisma/factories";
import { expectNothingChanged, prisma } from "./helpers";
import { childForm } from "./fixtures";

const SATURATED = "Le service est très sollicité : réessayez dans un instant.";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const child = childForm({ identity: { lastName: "Verrou", firstName: "Attente", birthDate: "2019-01-01", sex: "M" } });

/** A second connection, outside the app's pool (another process, say). */
async function outsider(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  return client;
}

beforeEach(() => {
  session.current = null;
});

describe("the limits are those of lib/db.ts, on every connection of the pool", () => {
  it("statement, lock and idle-in-transaction timeouts are set by the connection itself", async () => {
    const [row] = await db.$queryRaw<{ s: string; l: string; i: string }[]>`
      SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l, current_setting('idle_in_transaction_session_timeout') AS i`;
    const ms = (value: number) => `${value / 1000}s`;
    expect(row).toEqual({ s: ms(DATABASE_LIMITS.statementMs), l: ms(DATABASE_LIMITS.lockMs), i: ms(DATABASE_LIMITS.idleInTransactionMs) });
  });

  it("the message is French and says which failure it is", () => {
    expect(SERVICE_MESSAGES.SATURATED).toBe(SATURATED);
    expect(unavailableReason(Object.assign(new Error("x"), { code: "P2028" }))).toBe("SATURATED");
    expect(unavailableReason(Object.assign(new Error("x"), { code: "P2024" }))).toBe("SATURATED");
    expect(unavailableReason(Object.assign(new Error("x"), { code: "P1001" }))).toBe("UNREACHABLE");
    expect(unavailableReason(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(
      "UNREACHABLE",
    );
    expect(unavailableReason(new Error("x", { cause: { kind: "postgres", originalCode: "57014" } }))).toBe("SATURATED");
    expect(
      unavailableReason(
        Object.assign(new Error("x"), { code: "P2010", meta: { driverAdapterError: { cause: { originalCode: "55P03" } } } }),
      ),
    ).toBe("SATURATED");
    expect(unavailableReason(new Error("timeout exceeded when trying to connect"))).toBe("SATURATED");
    // What is not the database's state stays what it is (a bug, a constraint).
    expect(unavailableReason(Object.assign(new Error("x"), { code: "P2002" }))).toBeNull();
    expect(unavailableReason(new Error("Cannot read properties of undefined"))).toBeNull();
  });
});

describe("a saturated database: a French message, nothing half-written", () => {
  it("a family locked elsewhere past lock_timeout: « Ajouter un enfant » says « très sollicité » and writes nothing", async () => {
    const { family, user } = await createFamily(prisma);
    session.current = { user: { id: user.id } };
    await addChildAction(child).then((r) => expect(r.ok).toBe(true)); // the session and the form are fine
    const other = await outsider();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM "Family" WHERE id = $1 FOR UPDATE`, [family.id]);
      await expectNothingChanged(async () => {
        const started = Date.now();
        const result = await addChildAction({ ...child, identity: { ...child.identity, firstName: "Bloqué" } });
        expect(result).toEqual({ ok: false, error: SATURATED });
        // Bounded by lock_timeout, not by the lock's holder.
        expect(Date.now() - started).toBeGreaterThanOrEqual(DATABASE_LIMITS.lockMs - 100);
        expect(Date.now() - started).toBeLessThan(DATABASE_LIMITS.lockMs + 5_000);
      });
    } finally {
      await other.query("ROLLBACK");
      await other.end();
    }
    expect(await prisma.child.count({ where: { familyId: family.id, firstName: "Bloqué" } })).toBe(0);
  }, 30_000);

  it("a transaction past its timeout is rolled back and throws the French message", async () => {
    const { family } = await createFamily(prisma);
    const attempt = transaction(
      async (tx) => {
        await tx.family.update({ where: { id: family.id }, data: { city: "Écrite puis annulée" } });
        await sleep(800);
        await tx.family.update({ where: { id: family.id }, data: { city: "Jamais" } });
      },
      { timeout: 300 },
    );
    await expect(attempt).rejects.toThrow(ServiceUnavailableError);
    await expect(attempt).rejects.toThrow(SATURATED);
    expect((await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).city).toBe(family.city);
  });

  it("an exhausted pool: a query waits at most acquireMs, then fails in French; the pool serves again once freed", async () => {
    let free!: () => void;
    const freed = new Promise<void>((r) => (free = r));
    const holders = Array.from({ length: DATABASE_LIMITS.poolSize }, () =>
      transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1`;
          await freed;
        },
        { timeout: 60_000 },
      ),
    );
    await sleep(500);
    const started = Date.now();
    const error = await db.family.count().catch((e: unknown) => e);
    const waited = Date.now() - started;
    free();
    await Promise.all(holders);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toBe(SATURATED);
    expect(waited).toBeGreaterThanOrEqual(DATABASE_LIMITS.acquireMs - 600);
    expect(waited).toBeLessThan(DATABASE_LIMITS.acquireMs + 3_000);
    expect(await db.family.count()).toBeGreaterThan(0);
  }, 30_000);
});

describe("a connection lost in the middle of a transaction", () => {
  it("the transaction fails in French, and its place in the pool comes back (no leak, whatever the number)", async () => {
    const other = await outsider();
    try {
      const families = await Promise.all(
        Array.from({ length: DATABASE_LIMITS.poolSize }, () => createFamily(prisma).then((f) => f.family)),
      );
      // As many transactions as the pool has places, each losing its connection half-way.
      const attempts = families.map((family, i) =>
        transaction(async (tx) => {
          await tx.family.update({ where: { id: family.id }, data: { city: `Coupée ${i}` } });
          await sleep(1_000);
          await tx.family.update({ where: { id: family.id }, data: { city: `Jamais ${i}` } });
        }).catch((e: unknown) => e),
      );
      await sleep(500);
      await other.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'`,
      );
      for (const error of await Promise.all(attempts)) {
        expect(error).toBeInstanceOf(ServiceUnavailableError);
        expect((error as ServiceUnavailableError).reason).toBe("UNREACHABLE");
      }
      for (const family of families) expect((await prisma.family.findUniqueOrThrow({ where: { id: family.id } })).city).toBe(family.city);
      // Without the pool's guard every place would stay taken and this would wait acquireMs, then fail.
      const started = Date.now();
      await Promise.all(Array.from({ length: DATABASE_LIMITS.poolSize }, () => transaction((tx) => tx.$executeRaw`SELECT pg_sleep(0.2)`)));
      expect(Date.now() - started).toBeLessThan(DATABASE_LIMITS.acquireMs);
    } finally {
      await other.end();
    }
  }, 30_000);
});
