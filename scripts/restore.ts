/**
 * `npm run restore -- <dossier>`: puts a backup of `npm run backup` back into an EMPTY database (DATABASE_URL's,
 * or the embedded one) and into the file store (FILES_DIR or FILES_S3_*). Everything is checked before anything
 * is written (sha256 of the dump and of every file, an empty database, no other file under a key); the dump is
 * restored in one transaction; then the counts and checksums of every table are recomputed and compared with the
 * manifest. Decision 030.
 */
import fs from "node:fs";
import type pg from "pg";
import path from "node:path";
import { fileStore } from "../lib/files/storage";
import { startDatabase } from "./lib/database";
import { reportFatal, StartError } from "./lib/lifecycle";
import { connectTo, findClientTool, runTool, serverVersion, toolConnection } from "./lib/postgres-tools";
import {
  FILES_FOLDER,
  fingerprintDifferences,
  MANIFEST_FILE,
  sha256,
  sha256File,
  stableTextSettings,
  tableFingerprints,
  type BackupManifest,
} from "./lib/backup-manifest";

const ROOT = path.resolve(__dirname, "..");

function readBackup(): { folder: string; manifest: BackupManifest } {
  const arg = process.argv.slice(2).find((a) => a !== "--");
  if (!arg) throw new StartError("Indiquez le dossier de la sauvegarde : npm run restore -- /chemin/de/la/sauvegarde");
  const folder = path.resolve(arg);
  const manifestFile = path.join(folder, MANIFEST_FILE);
  if (!fs.existsSync(manifestFile)) {
    throw new StartError(
      `${folder} n'est pas une sauvegarde complète : ${MANIFEST_FILE} manque (sauvegarde interrompue, ou mauvais dossier).`,
    );
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as BackupManifest;
  if (manifest.format !== 1)
    throw new StartError(`Format de sauvegarde inconnu (${String(manifest.format)}) : ce portail lit le format 1.`);
  return { folder, manifest };
}

/** The dump and every file, read back and compared with the manifest; nothing is written before this passes. */
async function checkBackup(folder: string, manifest: BackupManifest): Promise<Map<string, Uint8Array>> {
  const dump = path.join(folder, manifest.dump.file);
  if (!fs.existsSync(dump)) throw new StartError(`La sauvegarde est incomplète : ${manifest.dump.file} manque. Rien n'a été restauré.`);
  if ((await sha256File(dump)) !== manifest.dump.sha256) {
    throw new StartError(
      `La sauvegarde est abîmée : ${manifest.dump.file} ne correspond pas à sa somme de contrôle (sha256) du manifeste. Rien n'a été restauré.`,
    );
  }
  const files = new Map<string, Uint8Array>();
  for (const entry of manifest.files) {
    const file = path.join(folder, FILES_FOLDER, ...entry.key.split("/"));
    const bytes = fs.existsSync(file) ? new Uint8Array(fs.readFileSync(file)) : null;
    if (!bytes || bytes.byteLength !== entry.bytes || sha256(bytes) !== entry.sha256) {
      throw new StartError(
        `La sauvegarde est abîmée : le fichier ${FILES_FOLDER}/${entry.key} ${bytes ? "ne correspond pas à sa somme de contrôle" : "manque"}. Rien n'a été restauré.`,
      );
    }
    files.set(entry.key, bytes);
  }
  return files;
}

/** Tables, views, sequences or types outside PostgreSQL's own schemas: a database holding any is not empty. */
async function userObjects(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`
    SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%')
         + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype IN ('e', 'd') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%') AS n`);
  return Number(rows[0].n);
}

function warnAboutMigrations(manifest: BackupManifest): void {
  const dir = path.join(ROOT, "prisma", "migrations");
  const known = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  const unknown = manifest.migrations.filter((m) => !known.has(m));
  if (unknown.length > 0) {
    console.error(
      `[restauration] Attention : la sauvegarde vient d'une version plus récente du portail (migrations inconnues ici : ${unknown.join(", ")}). ` +
        `Servez-la avec cette version-là (${manifest.app.version} ou plus récente).`,
    );
  }
}

async function restore(folder: string, manifest: BackupManifest, databaseUrl: string): Promise<void> {
  const files = await checkBackup(folder, manifest);
  const client = await connectTo(databaseUrl);
  try {
    const objects = await userObjects(client);
    const database = new URL(databaseUrl).pathname.slice(1);
    if (objects > 0) {
      throw new StartError(
        `La base « ${database} » n'est pas vide (${objects} tables, séquences ou types) : la restauration n'écrit que dans une base vide, ` +
          `pour ne rien mélanger ni écraser. Créez une base vide (CREATE DATABASE …) et désignez-la par DATABASE_URL, ` +
          `ou, pour la base intégrée, videz-la par npm run db:reset. Rien n'a été restauré.`,
      );
    }
    const server = await serverVersion(client);
    // pg_restore reads archives of its own version and older, and sends plain SQL that newer servers take: a backup
    // made with pg_dump 15 goes into PostgreSQL 18 with pg_restore 15 (the way up from one version to the next).
    const pgRestore = findClientTool(
      "pg_restore",
      manifest.pgDump.major,
      `La restauration d'une sauvegarde de pg_dump ${manifest.pgDump.version}`,
      server.major,
    );
    const store = fileStore();
    for (const key of files.keys()) {
      const existing = await store.get(key);
      if (existing && sha256(existing) !== sha256(files.get(key)!)) {
        throw new StartError(
          `Le stockage des fichiers contient déjà un autre fichier sous la clé ${key} : choisissez un stockage vide (FILES_DIR ou FILES_S3_BUCKET). Rien n'a été restauré.`,
        );
      }
    }
    warnAboutMigrations(manifest);

    console.error(`[restauration] Base (${path.basename(pgRestore.path)} ${pgRestore.version} vers PostgreSQL ${server.version})…`);
    const connection = toolConnection(databaseUrl);
    await runTool(
      pgRestore,
      ["--single-transaction", "--no-owner", "--no-privileges", `--dbname=${connection.dbname}`, path.join(folder, manifest.dump.file)],
      connection.env,
    );
    console.error(`[restauration] Fichiers (${files.size})…`);
    for (const [key, bytes] of files) {
      const entry = manifest.files.find((f) => f.key === key)!;
      await store.put(key, bytes, "application/octet-stream");
      const back = await store.get(key);
      if (!back || sha256(back) !== entry.sha256)
        throw new StartError(`Le fichier ${key} relu dans le stockage ne correspond pas à la sauvegarde.`);
    }

    await stableTextSettings(client);
    const differences = fingerprintDifferences(manifest.tables, await tableFingerprints(client));
    if (differences.length > 0) {
      throw new StartError(
        `La base restaurée ne correspond pas au manifeste de la sauvegarde :\n  ${differences.join("\n  ")}\nNe servez pas cette base ; gardez la sauvegarde et signalez le problème.`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  const { folder, manifest } = readBackup();
  const db = await startDatabase(null);
  try {
    await restore(folder, manifest, db.url);
    const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Restauration vérifiée : ${Object.keys(manifest.tables).length} tables (${rows} lignes, mêmes sommes que la sauvegarde du ${manifest.createdAt}), ` +
        `${manifest.files.length} fichier(s).`,
    );
  } finally {
    await db.stop();
  }
}

main().catch(reportFatal);
