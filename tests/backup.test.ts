import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile, spawn } from "node:child_process";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { localStore, newFileKey } from "@/lib/files/storage";
import { createDemoStructure, createFamily } from "@/prisma/factories";
import { tableFingerprints, stableTextSettings, type BackupManifest } from "@/scripts/lib/backup-manifest";
import { prismaEnv } from "@/scripts/lib/prisma-env";
import { tinyPng } from "./fixtures";
import { DEBIAN_PG15_BIN, startPostgresServer, type PostgresServer } from "./postgres-server";
import { schemaCatalog } from "./schema-catalog";

/**
 * `npm run backup` / `npm run restore` as an operator runs them (child processes, their own environment), on a
 * PostgreSQL 15 server — the oldest the portal supports, and the version of Debian 12's client tools — started in a
 * temporary folder. Decision 030.
 */
const ROOT = path.resolve(__dirname, "..");
const PG15_PORT = Number(process.env.PG15_TEST_PORT ?? 54353);
const isRoot = process.getuid?.() === 0;
const hasPg15 = fs.existsSync(path.join(DEBIAN_PG15_BIN, "postgres"));
if (!hasPg15 && !isRoot) {
  console.warn(
    `[backup.test] Ignoré : PostgreSQL 15 est absent (${DEBIAN_PG15_BIN}) et l'on n'est pas root. Installez-le : sudo apt-get install -y postgresql-15`,
  );
}

interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run backup|restore -- folder`, with the given database and file folder (never the S3 of the machine). */
function runScript(script: "backup" | "restore", folder: string, env: { DATABASE_URL: string; FILES_DIR: string; PG_BIN_DIR?: string }) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(childEnv)) if (key.startsWith("FILES_S3_") || key === "PG_BIN_DIR") delete childEnv[key];
  Object.assign(childEnv, env);
  return new Promise<ScriptResult>((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", `scripts/${script}.ts`, folder],
      { cwd: ROOT, env: childEnv },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * `prisma migrate deploy`. Once it has said it is done it is stopped: Prisma's CLI then idles 10 s on a timer of
 * its own before exiting, which would be 10 s of CI for nothing.
 */
function migrate(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, ...prismaEnv, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let done = false;
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (!done && output.includes("All migrations have been successfully applied.")) {
        done = true;
        child.kill("SIGTERM");
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => (done || code === 0 ? resolve() : reject(new Error(`prisma migrate deploy a échoué :\n${output}`))));
  });
}

async function fingerprints(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await stableTextSettings(client);
    return await tableFingerprints(client);
  } finally {
    await client.end();
  }
}

async function objectCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
    );
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/** Every file under a folder with its bytes, to see that nothing was written or changed. */
function folderContents(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => fs.statSync(path.join(dir, f)).isFile());
  return Object.fromEntries(files.sort().map((f) => [f, fs.readFileSync(path.join(dir, f)).toString("base64")]));
}

/**
 * Runs `work` with the portal's own modules (lib/db, the file store) pointed at another database and file folder,
 * as a server started with that DATABASE_URL and FILES_DIR would be.
 */
async function asPortalOn<T>(databaseUrl: string, filesDir: string, work: () => Promise<T>): Promise<T> {
  const shared = globalThis as unknown as { prisma?: PrismaClient };
  const saved = { url: process.env.DATABASE_URL, files: process.env.FILES_DIR, prisma: shared.prisma };
  process.env.DATABASE_URL = databaseUrl;
  process.env.FILES_DIR = filesDir;
  delete shared.prisma;
  vi.resetModules();
  try {
    return await work();
  } finally {
    // Read again: the modules imported by `work` have put their own client there.
    const opened = (globalThis as unknown as { prisma?: PrismaClient }).prisma;
    await opened?.$disconnect();
    shared.prisma = saved.prisma;
    process.env.DATABASE_URL = saved.url;
    if (saved.files === undefined) delete process.env.FILES_DIR;
    else process.env.FILES_DIR = saved.files;
    vi.resetModules();
  }
}

describe.skipIf(!hasPg15 && !isRoot)("sauvegarde et restauration, PostgreSQL 15", () => {
  let server: PostgresServer;
  let work: string;
  let sourceUrl: string;
  const sourceFiles = () => path.join(work, "fichiers-source");
  const world = { familyId: "", invoiceId: "", invoiceNumber: "", documentId: "", fileKey: "" };
  const file = tinyPng(42);

  beforeAll(async () => {
    if (!hasPg15) throw new Error(`PostgreSQL 15 est absent (${DEBIAN_PG15_BIN}) : apt-get install -y postgresql-15 (.ci/run le fait).`);
    work = fs.mkdtempSync(path.join(os.tmpdir(), "portail-sauvegarde-"));
    server = await startPostgresServer(DEBIAN_PG15_BIN, PG15_PORT);
    sourceUrl = await server.createDatabase("portail_source");
    await migrate(sourceUrl);

    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: sourceUrl }) });
    try {
      const structure = await createDemoStructure(client, new Date("2026-11-24T10:00:00Z"), "Centre social Les Sauvegardes");
      const { family } = await createFamily(client, {
        lastName: "Restaurée",
        children: [{ firstName: "Léa", birthDate: "2019-03-02", sex: "F" }],
      });
      const invoice = await client.invoice.create({
        data: {
          number: "2026-000042",
          structureId: structure.id,
          year: 2026,
          sequence: 42,
          familyId: family.id,
          payerName: "Madame Restaurée",
          payerAddress: "12 rue des Tilleuls, 59000 Lille",
          month: new Date("2026-10-01"),
          status: "ISSUED",
          issuedAt: new Date("2026-11-02T09:00:00Z"),
          dueDate: new Date("2026-11-30"),
          totalCents: 2450,
          lines: {
            create: [
              { label: "Mercredi matin — Léa", date: new Date("2026-10-07"), quantity: 1, unitPriceCents: 1225, totalCents: 1225 },
              { label: "Mercredi matin — Léa", date: new Date("2026-10-14"), quantity: 1, unitPriceCents: 1225, totalCents: 1225 },
            ],
          },
        },
      });
      const key = newFileKey();
      await localStore(sourceFiles()).put(key, file, "image/png");
      const document = await client.document.create({
        data: {
          familyId: family.id,
          kind: "FAMILY_UPLOAD",
          status: "RECEIVED",
          title: "Attestation d'assurance",
          fileName: "assurance.png",
          mimeType: "image/png",
          sizeBytes: file.byteLength,
          storageKey: key,
        },
      });
      Object.assign(world, {
        familyId: family.id,
        invoiceId: invoice.id,
        invoiceNumber: invoice.number,
        documentId: document.id,
        fileKey: key,
      });
    } finally {
      await client.$disconnect();
    }
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("the migrations give on PostgreSQL 15 the same schema as on the embedded 18", async () => {
    const [on15, on18] = await Promise.all([schemaCatalog(sourceUrl), schemaCatalog(process.env.TEST_DATABASE_URL!)]);
    expect(on15.columns.length).toBeGreaterThan(100);
    expect(on15).toEqual(on18);
  });

  it("backup → restore into a new database: same counts and checksums, and the restored portal serves the invoice PDF and the document", async () => {
    const backup = path.join(work, "sauvegarde-1");
    const made = await runScript("backup", backup, { DATABASE_URL: sourceUrl, FILES_DIR: sourceFiles() });
    expect(made.stderr).not.toMatch(/✖/);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain("Sauvegarde écrite");
    expect(fs.readdirSync(backup).sort()).toEqual(["base.dump", "fichiers", "manifest.json"]);
    // Nothing left beside it by the temporary folder.
    expect(fs.readdirSync(work).filter((f) => f.includes("partiel"))).toEqual([]);

    const manifest = JSON.parse(fs.readFileSync(path.join(backup, "manifest.json"), "utf8")) as BackupManifest;
    expect(manifest.server.major).toBe(15);
    expect(manifest.migrations).toEqual(
      fs
        .readdirSync(path.join(ROOT, "prisma", "migrations"))
        .filter((d) => fs.existsSync(path.join(ROOT, "prisma", "migrations", d, "migration.sql")))
        .sort(),
    );
    expect(manifest.tables.Invoice.rows).toBe(1);
    expect(manifest.tables.InvoiceLine.rows).toBe(2);
    expect(manifest.tables.Family.rows).toBe(1);
    expect(manifest.tables).toEqual(await fingerprints(sourceUrl));
    expect(manifest.files).toEqual([{ key: world.fileKey, bytes: file.byteLength, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);

    const restoredUrl = await server.createDatabase("portail_restauree");
    const restoredFiles = path.join(work, "fichiers-restaures");
    const restored = await runScript("restore", backup, { DATABASE_URL: restoredUrl, FILES_DIR: restoredFiles });
    expect(restored.stderr).not.toMatch(/✖/);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain("Restauration vérifiée");
    expect(await fingerprints(restoredUrl)).toEqual(manifest.tables);

    // The restored database and folder, handed to the portal's own code as a server would get them.
    await asPortalOn(restoredUrl, restoredFiles, async () => {
      const { invoicePdf } = await import("@/lib/billing/render-invoice-pdf");
      const { openDocument } = await import("@/lib/documents/open-document");
      const pdf = await invoicePdf({ invoiceId: world.invoiceId, document: "facture", familyId: world.familyId });
      const text = (await extractText(await getDocumentProxy(pdf.bytes), { mergePages: true })).text;
      expect(text).toContain(`FACTURE N° ${world.invoiceNumber}`);
      expect(text).toContain("Mercredi matin — Léa");
      expect(text).toContain("Centre social Les Sauvegardes");
      const document = await openDocument({ id: world.documentId, familyId: world.familyId });
      expect(document.bytes).toEqual(file);
    });
  }, 60_000);

  it("a backup of PostgreSQL 15 restores into the embedded 18 (the way up), with the same counts and checksums", async () => {
    const backup = path.join(work, "sauvegarde-vers-18");
    expect((await runScript("backup", backup, { DATABASE_URL: sourceUrl, FILES_DIR: sourceFiles() })).code).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(backup, "manifest.json"), "utf8")) as BackupManifest;
    const on18 = new URL(process.env.TEST_DATABASE_URL!);
    on18.pathname = "/portail_test_restauree_18";
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS portail_test_restauree_18 WITH (FORCE)`);
    await admin.query(`CREATE DATABASE portail_test_restauree_18`);
    try {
      const restored = await runScript("restore", backup, {
        DATABASE_URL: on18.toString(),
        FILES_DIR: path.join(work, "fichiers-18-restaures"),
      });
      expect(restored.stderr).not.toMatch(/✖/);
      expect(restored.code).toBe(0);
      expect(restored.stderr).toMatch(/pg_restore 15\.\d+ vers PostgreSQL 18/);
      expect(await fingerprints(on18.toString())).toEqual(manifest.tables);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS portail_test_restauree_18 WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);

  it("refuses to restore into a database that is not empty, and changes nothing there", async () => {
    const backup = path.join(work, "sauvegarde-2");
    expect((await runScript("backup", backup, { DATABASE_URL: sourceUrl, FILES_DIR: sourceFiles() })).code).toBe(0);
    const before = { tables: await fingerprints(sourceUrl), files: folderContents(sourceFiles()) };
    const refused = await runScript("restore", backup, { DATABASE_URL: sourceUrl, FILES_DIR: sourceFiles() });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("La base « portail_source » n'est pas vide");
    expect(refused.stderr).toContain("Rien n'a été restauré.");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect({ tables: await fingerprints(sourceUrl), files: folderContents(sourceFiles()) }).toEqual(before);
  }, 60_000);

  it("refuses a backup whose dump lost one byte before writing anything", async () => {
    const backup = path.join(work, "sauvegarde-3");
    expect((await runScript("backup", backup, { DATABASE_URL: sourceUrl, FILES_DIR: sourceFiles() })).code).toBe(0);
    const dump = path.join(backup, "base.dump");
    const bytes = fs.readFileSync(dump);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(dump, bytes);
    const targetUrl = await server.createDatabase("portail_cible_abimee");
    const targetFiles = path.join(work, "fichiers-cible-abimee");
    const refused = await runScript("restore", backup, { DATABASE_URL: targetUrl, FILES_DIR: targetFiles });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("La sauvegarde est abîmée : base.dump ne correspond pas à sa somme de contrôle");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(await objectCount(targetUrl)).toBe(0);
    expect(folderContents(targetFiles)).toEqual({});
  }, 60_000);

  it("a backup of the embedded PostgreSQL 18 with the 15 client tools says in French what to install, and leaves no folder", async () => {
    const backup = path.join(work, "sauvegarde-18");
    const refused = await runScript("backup", backup, {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      FILES_DIR: path.join(work, "fichiers-18"),
      PG_BIN_DIR: DEBIAN_PG15_BIN,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/La sauvegarde d'un serveur PostgreSQL 18[.\d]* demande pg_dump 18 ou plus récent/);
    expect(refused.stderr).toContain("(version 15.");
    expect(refused.stderr).toContain("apt-get install postgresql-client-18");
    expect(refused.stderr).toContain("PG_BIN_DIR=");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(fs.readdirSync(work).filter((f) => f.includes("sauvegarde-18"))).toEqual([]);
  }, 30_000);
});
