/**
 * `npm run backup -- <dossier>`: a backup of the portal's database (pg_dump, custom format) and of its file
 * store, with a manifest (row counts and checksums per table, size and sha256 per file) that
 * `npm run restore` checks. The database is DATABASE_URL's, or the embedded one (as `npm run db`); the store
 * is FILES_DIR's or the S3 bucket of FILES_S3_* (as the app). Written into a temporary folder beside the
 * target, renamed at the end: an interrupted backup never looks complete. Decision 030.
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { fileStore } from "../lib/files/storage";
import { startDatabase } from "./lib/database";
import { reportFatal, StartError } from "./lib/lifecycle";
import { connectTo, findClientTool, runTool, serverVersion, toolConnection } from "./lib/postgres-tools";
import {
  DUMP_FILE,
  FILES_FOLDER,
  MANIFEST_FILE,
  sha256,
  sha256File,
  stableTextSettings,
  tableFingerprints,
  type BackupManifest,
} from "./lib/backup-manifest";

const ROOT = path.resolve(__dirname, "..");

/** Every file of the store the database names: today only documents (messages' attachments are documents). */
const FILE_KEYS_SQL = `SELECT "storageKey" AS key FROM "Document" ORDER BY "storageKey"`;

function targetFolder(): string {
  const arg = process.argv.slice(2).find((a) => a !== "--");
  if (!arg) throw new StartError("Indiquez le dossier de la sauvegarde : npm run backup -- /chemin/de/la/sauvegarde");
  const target = path.resolve(arg);
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw new StartError(`${target} existe déjà et n'est pas un dossier vide : choisissez un nouveau dossier pour la sauvegarde.`);
  }
  return target;
}

async function backup(target: string, databaseUrl: string): Promise<BackupManifest> {
  const client = await connectTo(databaseUrl);
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.partiel-${randomBytes(4).toString("hex")}`);
  try {
    const server = await serverVersion(client);
    const pgDump = findClientTool("pg_dump", server.major, `La sauvegarde d'un serveur PostgreSQL ${server.version}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.mkdirSync(partial, { mode: 0o700 });

    // One snapshot for everything: pg_dump imports the one this transaction exports, and the counts, checksums and
    // file list are read in the same transaction, so the manifest describes exactly what the dump holds even while
    // the portal keeps writing.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await stableTextSettings(client);
    const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0].id;
    const connection = toolConnection(databaseUrl);
    const dumpFile = path.join(partial, DUMP_FILE);
    console.error(`[sauvegarde] Base (PostgreSQL ${server.version}, ${path.basename(pgDump.path)} ${pgDump.version})…`);
    await runTool(
      pgDump,
      ["--format=custom", `--snapshot=${snapshot}`, "--no-owner", "--no-privileges", `--file=${dumpFile}`, `--dbname=${connection.dbname}`],
      connection.env,
    );
    const tables = await tableFingerprints(client);
    // A database not migrated yet (or not the portal's) has neither table: nothing to list then.
    const migrations =
      "_prisma_migrations" in tables
        ? (
            await client.query<{ name: string }>(
              `SELECT migration_name AS name FROM _prisma_migrations
               WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY finished_at, migration_name`,
            )
          ).rows.map((r) => r.name)
        : [];
    const keys = "Document" in tables ? (await client.query<{ key: string }>(FILE_KEYS_SQL)).rows.map((r) => r.key) : [];
    await client.query("COMMIT");

    console.error(`[sauvegarde] Fichiers (${keys.length})…`);
    const store = fileStore();
    const files: BackupManifest["files"] = [];
    const missingFiles: string[] = [];
    for (const key of keys) {
      const bytes = await store.get(key);
      if (!bytes) {
        missingFiles.push(key);
        continue;
      }
      const file = path.join(partial, FILES_FOLDER, ...key.split("/"));
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, bytes, { mode: 0o600 });
      files.push({ key, bytes: bytes.byteLength, sha256: sha256(bytes) });
    }
    if (missingFiles.length > 0) {
      console.error(
        `[sauvegarde] Attention : ${missingFiles.length} fichier(s) nommé(s) par la base manquai(en)t déjà dans le stockage (liste dans le manifeste, missingFiles).`,
      );
    }

    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      app: { name: pkg.name, version: pkg.version },
      server,
      pgDump: { version: pgDump.version, major: pgDump.major },
      migrations,
      dump: { file: DUMP_FILE, bytes: fs.statSync(dumpFile).size, sha256: await sha256File(dumpFile) },
      tables,
      files,
      missingFiles,
    };
    // The manifest last, then the rename: a folder named as asked is always a complete backup.
    fs.writeFileSync(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    if (fs.existsSync(target)) fs.rmdirSync(target);
    fs.renameSync(partial, target);
    return manifest;
  } finally {
    await client.end().catch(() => undefined);
    fs.rmSync(partial, { recursive: true, force: true });
  }
}

async function main() {
  const target = targetFolder();
  const db = await startDatabase(null);
  try {
    const manifest = await backup(target, db.url);
    const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
    console.log(
      `Sauvegarde écrite dans ${target} : ${Object.keys(manifest.tables).length} tables (${rows} lignes), ` +
        `${manifest.files.length} fichier(s), base ${(manifest.dump.bytes / 1024).toFixed(0)} Ko.`,
    );
  } finally {
    await db.stop();
  }
}

main().catch(reportFatal);
