/**
 * Importing a structure's families: 10 000 families and 20 000 children (BENCH_FAMILIES) written as the CSV files
 * an office exports, then the dry run and the import (lib/import, batches of 500 families) — and, in the same run,
 * two PostgreSQL `COPY` references: the two files as text into two scratch tables (the issue's floor: no check,
 * no matching, no log), and the rows the import wrote (families, adults, accounts, children, authorised persons,
 * status log) into identical scratch tables (`LIKE … INCLUDING ALL`: same columns, indexes and constraints but
 * the foreign keys). Prints the times and the ratios (goal ≤ 5×), then imports again (everything « inchangé »).
 *
 *   npm run db -- node --conditions=react-server --import tsx bench/import.ts
 *
 * Not a test: the figures depend on the machine. It writes into the app's database (`npm run db:reset` cleans).
 */
import { mkdtempSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { db } from "../lib/db";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { runImport } from "../lib/import/run-import";
import { parseImportFiles } from "../lib/import/parse-rows";
import { IMPORT_COLUMNS } from "../lib/import/columns";
import { SYSTEM } from "../lib/workflow";

const prisma = db as PrismaClient;
const FAMILIES = Number(process.env.BENCH_FAMILIES ?? 10_000);
/** Families per batch (default: the import's, 500). */
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
const run = Date.now().toString(36);

function files() {
  const header = (kind: "familles" | "enfants") => IMPORT_COLUMNS[kind].map((c) => c.header).join(";");
  const fam: string[] = [header("familles")];
  const kids: string[] = [header("enfants")];
  for (let n = 0; n < FAMILIES; n++) {
    const email = `banc.${run}.${n}@import.example`;
    const phone = `06 ${String(10 + (n % 90))} ${String(10 + (((n / 90) % 90) | 0))} 34 56`;
    fam.push(
      [
        email,
        "Mme",
        `NOM${n}`.replace(/\d/g, (d) => "ABCDEFGHIJ"[Number(d)]!),
        "Claire",
        "12/04/1988",
        phone,
        "",
        "",
        `${n} rue des Lilas`,
        "",
        "59000",
        "Lille",
        String(300 + (n % 900)),
        "",
        "M",
        "NOM",
        "Paul",
        "06 98 76 54 32",
        "",
      ].join(";"),
    );
    const last = `Nom${n}`.replace(/\d/g, (d) => "abcdefghij"[Number(d)]!);
    kids.push(
      [
        email,
        last,
        "Léo",
        "04/05/2018",
        "M",
        "École Jules Simon",
        "CE1",
        "arachide",
        "non",
        "Sans porc",
        "Jeanne Dupont, grand-mère, 06 11 22 33 44",
        "oui",
        "non",
        "oui",
      ].join(";"),
    );
    kids.push([email, last, "Inès", "10/10/2020", "F", "", "", "non", "non", "", "", "non", "non", "oui"].join(";"));
  }
  return { familles: `\uFEFF${fam.join("\r\n")}\r\n`, enfants: `\uFEFF${kids.join("\r\n")}\r\n` };
}

async function time<T>(label: string, f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await f();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(2)} s`);
  return { ms, value };
}

async function main() {
  const text = files();
  const dir = mkdtempSync(join(tmpdir(), "banc-import-"));
  chmodSync(dir, 0o755);
  const paths = { familles: join(dir, "familles.csv"), enfants: join(dir, "enfants.csv") };
  writeFileSync(paths.familles, text.familles);
  writeFileSync(paths.enfants, text.enfants);
  const bytes = { familles: new TextEncoder().encode(text.familles), enfants: new TextEncoder().encode(text.enfants) };
  console.log(
    `${FAMILIES} familles, ${FAMILIES * 2} enfants (${((bytes.familles.length + bytes.enfants.length) / 1e6).toFixed(1)} Mo de CSV)`,
  );

  // The floor: the same rows copied as text by PostgreSQL itself into scratch tables.
  const columns = (kind: "familles" | "enfants") => IMPORT_COLUMNS[kind].map((c) => `"${c.key}" text`).join(", ");
  await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS banc_familles, banc_enfants`);
  await prisma.$executeRawUnsafe(`CREATE UNLOGGED TABLE banc_familles (${columns("familles")})`);
  await prisma.$executeRawUnsafe(`CREATE UNLOGGED TABLE banc_enfants (${columns("enfants")})`);
  const copy = await time("COPY des deux fichiers", async () => {
    await prisma.$executeRawUnsafe(`COPY banc_familles FROM '${paths.familles}' WITH (FORMAT csv, HEADER true, DELIMITER ';')`);
    await prisma.$executeRawUnsafe(`COPY banc_enfants FROM '${paths.enfants}' WITH (FORMAT csv, HEADER true, DELIMITER ';')`);
  });
  await prisma.$executeRawUnsafe(`DROP TABLE banc_familles, banc_enfants`);

  // Warm-up (not timed): a server that imports has its code loaded and compiled; the first 200 families, checked.
  const head = (t: string) => new TextEncoder().encode(t.split("\r\n").slice(0, 201).join("\r\n") + "\r\n");
  await runImport({ files: { familles: head(text.familles), enfants: head(text.enfants) }, apply: false, actor: SYSTEM });
  const parse = await time("Lecture et contrôle (sans base)", async () => parseImportFiles(bytes));
  if (parse.value.issues.length > 0) throw new Error(`lignes refusées : ${JSON.stringify(parse.value.issues[0])}`);
  const dry = await time("Vérification (dry run)", () => runImport({ files: bytes, apply: false, actor: SYSTEM, batchSize: BATCH }));
  if (dry.value.errorCount > 0)
    throw new Error(`erreurs inattendues : ${JSON.stringify(dry.value.lines.find((l) => l.action === "ERROR"))}`);
  const apply = await time("Import (vérification + lots)", () => runImport({ files: bytes, apply: true, actor: SYSTEM, batchSize: BATCH }));
  const again = await time("Même fichier une 2e fois", () => runImport({ files: bytes, apply: true, actor: SYSTEM, batchSize: BATCH }));

  // The second reference: the rows just written, copied by PostgreSQL into identical empty tables.
  chmodSync(dir, 0o777);
  const ours = `SELECT "familyId" FROM "User" WHERE "email" LIKE 'banc.${run}.%'`;
  const written: Record<string, string> = {
    Family: `SELECT * FROM "Family" WHERE "id" IN (${ours})`,
    Adult: `SELECT * FROM "Adult" WHERE "familyId" IN (${ours})`,
    User: `SELECT * FROM "User" WHERE "email" LIKE 'banc.${run}.%'`,
    Child: `SELECT * FROM "Child" WHERE "familyId" IN (${ours})`,
    AuthorizedPerson: `SELECT p.* FROM "AuthorizedPerson" p JOIN "Child" c ON c."id" = p."childId" WHERE c."familyId" IN (${ours})`,
    TransitionLog: `SELECT * FROM "TransitionLog" WHERE "entityId" IN (SELECT "id" FROM "User" WHERE "email" LIKE 'banc.${run}.%' UNION ALL SELECT "id" FROM "Child" WHERE "familyId" IN (${ours}))`,
  };
  let rows = 0;
  for (const [table, query] of Object.entries(written)) {
    rows += await prisma.$executeRawUnsafe(`COPY (${query}) TO '${join(dir, table)}.copy'`);
    await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS "banc_${table}"`);
    await prisma.$executeRawUnsafe(`CREATE TABLE "banc_${table}" (LIKE "${table}" INCLUDING ALL)`);
  }
  const copyRows = await time(`COPY des ${rows} lignes écrites`, async () => {
    for (const table of Object.keys(written)) await prisma.$executeRawUnsafe(`COPY "banc_${table}" FROM '${join(dir, table)}.copy'`);
  });
  for (const table of Object.keys(written)) await prisma.$executeRawUnsafe(`DROP TABLE "banc_${table}"`);
  console.log(
    `créés : ${apply.value.counts.familles.CREATE} familles, ${apply.value.counts.enfants.CREATE} enfants ; 2e passage inchangés : ${again.value.counts.familles.UNCHANGED} familles, ${again.value.counts.enfants.UNCHANGED} enfants`,
  );
  console.log(`rapport vérification / COPY des fichiers : ${(dry.ms / copy.ms).toFixed(1)}×`);
  console.log(`rapport import / COPY des fichiers : ${(apply.ms / copy.ms).toFixed(1)}× (objectif ≤ 5×)`);
  console.log(`rapport vérification / COPY des lignes écrites : ${(dry.ms / copyRows.ms).toFixed(1)}×`);
  console.log(`rapport import / COPY des lignes écrites : ${(apply.ms / copyRows.ms).toFixed(1)}× (objectif ≤ 5×)`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
