import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@/lib/generated/prisma/client";


/** The transaction client handed to domain functions that must join a caller's transaction. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL n'est pas défini : lancez l'application avec « npm start ».");
  }
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
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

/** How long a transaction may wait for a connection, and run, unless its caller says otherwise (tuned in one place: docs/decisions). */
export const TRANSACTION_LIMITS = { maxWait: 10_000, timeout: 15_000 } as const;

/**
 * Every interactive transaction of the domain goes through here, so that its
 * limits and the handling of a saturated database are decided once.
 */
export function transaction<T>(
  run: (tx: Tx) => Promise<T>,
  options?: { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel },
): Promise<T> {
  return db.$transaction(run, { ...TRANSACTION_LIMITS, ...options });
}

/** A known Prisma error of this code: P2002 unique constraint, P2003 foreign key, … */
export function isPrismaError(error: unknown, code: "P2002" | "P2003"): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}
