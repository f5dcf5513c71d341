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
 * Tables left out of the comparison, each because it legitimately changes while a refusal is answered:
 * - _prisma_migrations: Prisma's own, never written by the application;
 * - UserSession: a request seen refreshes its session's lastSeenAt (sign-in sessions, ADR 009);
 * - RateLimit, SignInAttempt: every request counted, refused ones first (that is their purpose).
 */
const CHANGE_ON_EVERY_REQUEST = ["_prisma_migrations", "UserSession", "RateLimit", "SignInAttempt"];

/**
 * What the database holds, table by table: the row count and a hash of every row (md5 of the rows' text, in
 * one order), so that an UPDATE is seen in any table, with or without an updatedAt. A refusal must leave it
 * exactly as it was (no write, no log, no e-mail). Test files run one after another, so nothing else writes
 * meanwhile.
 */
async function databaseFingerprint(): Promise<Record<string, string>> {
  const tables = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY(${CHANGE_ON_EVERY_REQUEST}))
    ORDER BY table_name`;
  // One statement for all tables (table names come from the catalogue, quoted as identifiers).
  const sql = tables
    .map(
      ({ table_name: name }) =>
        `SELECT '${name}' AS name, count(*)::text || '#' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS print FROM "${name}" t`,
    )
    .join(" UNION ALL ");
  const rows = await prisma.$queryRawUnsafe<{ name: string; print: string }[]>(sql);
  return Object.fromEntries(rows.map((row) => [row.name, row.print]));
}

/** Runs `refusal` (which asserts its own error) and checks that no table changed. */
export async function expectNothingChanged(refusal: () => Promise<unknown>): Promise<void> {
  const before = await databaseFingerprint();
  await refusal();
  expect(await databaseFingerprint()).toEqual(before);
}
