import { expect } from "vitest";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDemoStructure, createFamily, createStaffUser } from "@/prisma/factories";
import { actorFromUser } from "@/lib/workflow";

// lib/db's proxy is a real PrismaClient at run time.
export const prisma = db as PrismaClient;

export async function staffActor() {
  const staff = await createStaffUser(prisma);
  return actorFromUser(staff);
}

export async function familyWithChild(birthDate = "2019-05-04") {
  return createFamily(prisma, { children: [{ firstName: "Zoé", birthDate, sex: "F" }] });
}

let structurePromise: ReturnType<typeof createDemoStructure> | undefined;
/** One demo structure for the whole test run (it is read-only for the tests). */
export function demoStructure() {
  structurePromise ??= createDemoStructure(prisma, new Date("2026-11-24T10:00:00Z"), `Structure de test ${Date.now()}`);
  return structurePromise;
}

/**
 * What the database holds, table by table: the row count and the latest
 * update. A refusal must leave it exactly as it was (no write, no log, no
 * e-mail). Test files run one after another, so nothing else writes meanwhile.
 */
async function databaseFingerprint(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ table_name: string; has_updated: boolean }[]>`
    SELECT t.table_name, EXISTS (
      SELECT 1 FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'updatedAt'
    ) AS has_updated
    FROM information_schema.tables t
    WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name NOT IN ('_prisma_migrations', 'RateLimit', 'UserSession', 'SignInAttempt')`;
  const out: Record<string, string> = {};
  for (const { table_name: name, has_updated: hasUpdated } of tables) {
    const sql = `SELECT count(*)::text AS n${hasUpdated ? `, max("updatedAt")::text AS u` : ""} FROM "${name}"`;
    const [row] = await prisma.$queryRawUnsafe<{ n: string; u?: string | null }[]>(sql);
    out[name] = `${row.n}${hasUpdated ? `@${row.u ?? "-"}` : ""}`;
  }
  return out;
}

/** Runs `refusal` (which asserts its own error) and checks that no table changed. */
export async function expectNothingChanged(refusal: () => Promise<unknown>): Promise<void> {
  const before = await databaseFingerprint();
  await refusal();
  expect(await databaseFingerprint()).toEqual(before);
}
