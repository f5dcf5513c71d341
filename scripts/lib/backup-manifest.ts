/**
 * What a backup folder holds and how it is checked: the manifest (manifest.json), the fingerprint of every
 * table computed in SQL, and the sha256 of every file. Shared by `npm run backup` and `npm run restore`.
 */
import fs from "node:fs";
import { createHash } from "node:crypto";
import type pg from "pg";

export const DUMP_FILE = "base.dump";
export const FILES_FOLDER = "fichiers";
export const MANIFEST_FILE = "manifest.json";

export interface TableFingerprint {
  rows: number;
  /** md5 of the md5 of every row's text, in one order: any changed value changes it. */
  checksum: string;
}

export interface BackupManifest {
  format: 1;
  createdAt: string;
  app: { name: string; version: string };
  server: { version: string; major: number };
  pgDump: { version: string; major: number };
  /** Applied Prisma migrations, oldest first. */
  migrations: string[];
  dump: { file: string; bytes: number; sha256: string };
  tables: Record<string, TableFingerprint>;
  files: { key: string; bytes: number; sha256: string }[];
  /** Keys the database names but the store did not have at backup time (the portal shows them as missing). */
  missingFiles: string[];
}

/**
 * The same text for the same row on every server and session: time zone, date and float formats are set
 * before rows are turned into text (restoring on another major version must give the same checksums).
 */
export async function stableTextSettings(client: pg.Client): Promise<void> {
  await client.query(
    "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 1; SET bytea_output = 'hex'",
  );
}

/** Every table of the public schema: row count and checksum, in one statement (one snapshot). */
export async function tableFingerprints(client: pg.Client): Promise<Record<string, TableFingerprint>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  if (tables.length === 0) return {};
  // Names come from the catalogue; quote_ident-style quoting all the same.
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const literal = (name: string) => `'${name.replace(/'/g, "''")}'`;
  const sql = tables
    .map(
      ({ name }) =>
        `SELECT ${literal(name)} AS name, count(*) AS rows, ` +
        `md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS checksum FROM public.${quote(name)} t`,
    )
    .join(" UNION ALL ");
  const { rows } = await client.query<{ name: string; rows: string; checksum: string }>(sql);
  return Object.fromEntries(rows.map((row) => [row.name, { rows: Number(row.rows), checksum: row.checksum }]));
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** sha256 of a file read in chunks (a dump can be large). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The differences between two sets of fingerprints, one French line each (empty when equal). */
export function fingerprintDifferences(expected: Record<string, TableFingerprint>, actual: Record<string, TableFingerprint>): string[] {
  const lines: string[] = [];
  for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const [want, got] = [expected[name], actual[name]];
    if (!got) lines.push(`table ${name} absente`);
    else if (!want) lines.push(`table ${name} en trop`);
    else if (want.rows !== got.rows) lines.push(`table ${name} : ${got.rows} lignes au lieu de ${want.rows}`);
    else if (want.checksum !== got.checksum)
      lines.push(`table ${name} : contenu différent (somme ${got.checksum} au lieu de ${want.checksum})`);
  }
  return lines;
}
