/**
 * PostgreSQL's client tools (pg_dump, pg_restore) for the backup scripts: which
 * one to run for a given server, and how to run it. Nothing here knows the
 * portal's tables. See docs/decisions/030-sauvegardes-et-versions-postgresql.md.
 */
import fs from "node:fs";
import path from "node:path";
import { execFileSync, spawn } from "node:child_process";
import pg from "pg";
import { StartError } from "./lifecycle";

/** The oldest PostgreSQL the portal runs on (its migrations are tested against it). */
export const OLDEST_SUPPORTED_MAJOR = 15;

/** Debian (and apt.postgresql.org) put each major version's tools in its own folder. */
const DEBIAN_LIB = "/usr/lib/postgresql";

export interface ClientTool {
  path: string;
  major: number;
  version: string;
}

/** « pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1) » → 15.18. */
export function toolVersion(file: string): { major: number; version: string } {
  const out = execFileSync(file, ["--version"], { encoding: "utf8" });
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(out);
  if (!match) throw new StartError(`Version illisible de ${file} : ${out.trim()}`);
  return { major: Number(match[1]), version: match[2] ? `${match[1]}.${match[2]}` : match[1] };
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return file;
  }
  return null;
}

/** The candidate folders, best first: PG_BIN_DIR, then Debian's folder of the wanted major, then the newest there. */
function candidates(name: string, wantedMajor: number): string[] {
  if (process.env.PG_BIN_DIR) return [path.join(process.env.PG_BIN_DIR, name)];
  const found: string[] = [];
  const versions = fs.existsSync(DEBIAN_LIB)
    ? fs
        .readdirSync(DEBIAN_LIB)
        .filter((v) => /^\d+$/.test(v))
        .map(Number)
        .sort((a, b) => b - a)
    : [];
  for (const major of [wantedMajor, ...versions.filter((v) => v !== wantedMajor)]) {
    const file = path.join(DEBIAN_LIB, String(major), "bin", name);
    if (fs.existsSync(file)) found.push(file);
  }
  const fromPath = onPath(name);
  if (fromPath) found.push(fromPath);
  return found;
}

/**
 * A client tool of at least `minimumMajor` (pg_dump refuses a server newer than itself, pg_restore an archive
 * newer than itself), the one of `preferredMajor` when there is one, or a French refusal that names the versions
 * and what to install.
 */
export function findClientTool(
  name: "pg_dump" | "pg_restore",
  minimumMajor: number,
  why: string,
  preferredMajor = minimumMajor,
): ClientTool {
  const seen: string[] = [];
  for (const file of candidates(name, preferredMajor)) {
    if (!fs.existsSync(file)) continue;
    const { major, version } = toolVersion(file);
    if (major >= minimumMajor) return { path: file, major, version };
    seen.push(`${file} (version ${version})`);
  }
  const where = process.env.PG_BIN_DIR ? `dans PG_BIN_DIR (${process.env.PG_BIN_DIR})` : "sur cette machine";
  throw new StartError(
    `${why} demande ${name} ${minimumMajor} ou plus récent ; ${where}, ` +
      (seen.length > 0 ? `seulement ${seen.join(", ")}.` : `aucun ${name} n'a été trouvé.`) +
      ` Installez les outils clients de PostgreSQL ${minimumMajor} (Debian : apt-get install postgresql-client-${minimumMajor}, ` +
      `depuis le dépôt apt.postgresql.org si Debian ne le fournit pas), ou indiquez leur dossier : PG_BIN_DIR=/chemin/vers/bin.`,
  );
}

/** The server's major version and full version (« 15.18 »). */
export async function serverVersion(client: pg.Client): Promise<{ major: number; version: string }> {
  const { rows } = await client.query<{ num: string; version: string }>(
    "SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS version",
  );
  return { major: Math.floor(Number(rows[0].num) / 10_000), version: rows[0].version.split(" ")[0] };
}

/**
 * The connection of a tool: the URL without its password (a command line is visible to every user of the
 * machine), the password in PGPASSWORD.
 */
export function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: { ...process.env, PGPASSWORD: password } };
}

/** Runs a tool to its end; its error output is given back in the refusal when it fails. */
export function runTool(tool: ClientTool, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.path, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) return resolve();
      reject(new StartError(`${path.basename(tool.path)} a échoué (${signal ?? `code ${code}`}) :\n${errors.trim()}`));
    });
  });
}

/** A connected client, or a French refusal naming the server (never a stack trace for a wrong URL or a stopped server). */
export async function connectTo(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return client;
  } catch (error) {
    const parsed = new URL(url);
    throw new StartError(
      `Connexion impossible à la base « ${parsed.pathname.slice(1)} » sur ${parsed.hostname}:${parsed.port || 5432} : ` +
        `${error instanceof Error ? error.message : String(error)}. Vérifiez DATABASE_URL et que le serveur est démarré.`,
    );
  }
}
