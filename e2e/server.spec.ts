import net from "node:net";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { expect, test } from "@playwright/test";

/**
 * Issue 8: `npm start` stops like a real server. Whatever stops it — SIGTERM
 * to npm (a process manager, a container stop), SIGHUP (a closed terminal),
 * a stop in the middle of the migrations — nothing it started keeps running:
 * its whole process group is gone and the port is free.
 */
test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(__dirname, "..");
const DB_NAME = "portail_test_start";

function databaseUrl(name: string): string {
  const url = new URL(process.env.E2E_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function launch(command: string, args: string[], port: number): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(command, args, {
    cwd: ROOT,
    detached: true, // its own process group: we can tell when every process of it is gone
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      SKIP_BUILD: "1",
      NEXT_DIST_DIR: ".next-test",
      DATABASE_URL: databaseUrl(DB_NAME),
      EMAIL_WORKER: "off",
    },
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`délai dépassé : ${what}`);
}

async function answers(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://localhost:${port}/connexion`)).status === 200;
  } catch {
    return false;
  }
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

test.beforeAll(async () => {
  const admin = new pg.Client({ connectionString: databaseUrl("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DB_NAME}"`);
  await admin.end();
});

for (const scenario of [
  { name: "SIGTERM to npm, the app serving", command: "npm", args: ["start"], signal: "SIGTERM" as const, when: "serving" },
  {
    name: "SIGHUP to the start script, the app serving",
    command: process.execPath,
    args: ["--import", "tsx", "scripts/start.ts"],
    signal: "SIGHUP" as const,
    when: "serving",
  },
  { name: "SIGTERM to npm during the migrations", command: "npm", args: ["start"], signal: "SIGTERM" as const, when: "migrating" },
]) {
  test(`npm start stops cleanly: ${scenario.name}`, async () => {
    test.setTimeout(150_000);
    const port = await freePort();
    const { child, output } = launch(scenario.command, scenario.args, port);
    const pgid = child.pid!;
    try {
      if (scenario.when === "serving") await waitFor(() => answers(port), 120_000, `le portail sur ${port}\n${output()}`);
      else await waitFor(() => output().includes("Migrations"), 60_000, `les migrations\n${output()}`);
      process.kill(child.pid!, scenario.signal);
      await waitFor(() => !groupAlive(pgid), 30_000, `l'arrêt de tous les processus\n${output()}`);
      expect(await portFree(port)).toBe(true);
      expect(output()).toContain("arrêt propre");
    } finally {
      if (groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
    }
  });
}
