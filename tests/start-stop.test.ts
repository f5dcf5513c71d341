import fs from "node:fs";
import os from "node:os";
import net from "node:net";
import http from "node:http";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { folderClosedToOthers, liveServerOf } from "@/scripts/lib/database";
import { prismaEnv } from "@/scripts/lib/prisma-env";

/** Issue 8: `npm start` checks before working, never breaks a live database, loads the demo atomically. */
const ROOT = path.resolve(__dirname, "..");
const baseUrl = process.env.TEST_DATABASE_URL!;
const urlFor = (name: string) => {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

function busyPort(): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, () => {
      resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() });
    });
  });
}

async function recreate(name: string) {
  const admin = new pg.Client({ connectionString: urlFor("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

async function counts(name: string) {
  const client = new pg.Client({ connectionString: urlFor(name) });
  await client.connect();
  const one = async (table: string) => Number((await client.query(`SELECT count(*) FROM "${table}"`)).rows[0].count);
  const result = {
    users: await one("User"),
    families: await one("Family"),
    structures: await one("Structure"),
    requests: await one("AccountRequest"),
  };
  await client.end();
  return result;
}

describe("npm start", () => {
  it("with its port taken, says so in French at once and does nothing else", async () => {
    const busy = await busyPort();
    try {
      const started = Date.now();
      const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(busy.port), DATABASE_URL: urlFor("inexistante_jamais_utilisee") },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`Le port ${busy.port} est déjà utilisé`);
      expect(result.stderr).toContain(`PORT=${busy.port + 1} npm start`);
      expect(result.stdout).not.toContain("Migrations");
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      busy.close();
    }
  });
});

describe("the embedded database's data folder", () => {
  it("a pid file is live only while its process runs (never removed from under a live server)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-"));
    fs.writeFileSync(path.join(dir, "postmaster.pid"), `${process.pid}\n${dir}\n1700000000\n54999\n`);
    expect(liveServerOf(dir)).toEqual({ pid: process.pid, port: 54999 });
    const dead = spawnSync("true").pid!;
    fs.writeFileSync(path.join(dir, "postmaster.pid"), `${dead}\n${dir}\n1700000000\n54999\n`);
    expect(liveServerOf(dir)).toBeNull();
    fs.rmSync(dir, { recursive: true });
  });

  it.skipIf(Boolean(process.env.DATABASE_URL && !process.env.TEST_DATABASE_URL?.includes("127.0.0.1:54329")))(
    "a second instance on another port refuses, in French, and leaves the running server's pid file alone",
    () => {
      const pidFile = path.join(ROOT, ".data", "pg", "postmaster.pid");
      if (!fs.existsSync(pidFile)) return; // the tests run on another PostgreSQL
      const before = fs.readFileSync(pidFile, "utf8");
      const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_PG_PORT: "54398" };
      delete env.DATABASE_URL;
      const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/with-db.ts", "--", "true"], {
        cwd: ROOT,
        env,
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("est déjà utilisé par un PostgreSQL en marche");
      expect(fs.readFileSync(pidFile, "utf8")).toBe(before);
    },
  );

  it.skipIf(process.getuid?.() !== 0)("as root, a folder closed to others (mode 700) above the data is found before starting", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "home-"));
    fs.chmodSync(home, 0o700);
    expect(folderClosedToOthers(path.join(home, "clone", ".data", "pg"))).toBe(home);
    fs.chmodSync(home, 0o755);
    expect(folderClosedToOthers(path.join(home, "clone", ".data", "pg"))).toBeNull();
    fs.rmSync(home, { recursive: true });
  });
});

/** The processes started, directly or not, by `pid` (read from /proc): pid → command line. */
function descendants(pid: number): Map<number, string> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z") continue; // ended, only waiting to be reaped
      children.set(Number(ppid), [...(children.get(Number(ppid)) ?? []), Number(entry)]);
    } catch {
      // ended meanwhile
    }
  }
  const found = new Map<number, string>();
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      try {
        found.set(child, fs.readFileSync(`/proc/${child}/cmdline`, "utf8").replace(/\0/g, " "));
      } catch {
        continue;
      }
      queue.push(child);
    }
  }
  return found;
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.startsWith("Z");
  } catch {
    return false;
  }
};

async function until<T>(what: string | (() => string), ms: number, probe: () => T | undefined | false): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`toujours pas au bout de ${ms} ms : ${typeof what === "string" ? what : what()}`);
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0);
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe("npm start killed with SIGKILL (issue 21)", () => {
  it.skipIf(process.platform !== "linux")(
    "leaves no child behind; an orphaned PostgreSQL is stopped by the next start, which starts its own",
    async () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), "portail-orphelin-"));
      fs.chmodSync(home, 0o755); // as root, PostgreSQL runs as « postgres » and must get through
      const dataDir = path.join(home, "pg");
      // Its own data folder, port and start lock (named after NEXT_DIST_DIR, never built: it is killed before).
      const dist = ".next-test-orphelin";
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        EMBEDDED_PG_DATA: dataDir,
        EMBEDDED_PG_PORT: String(await freePort()),
        SKIP_BUILD: "1",
        NEXT_DIST_DIR: dist,
      };
      delete env.DATABASE_URL;
      const pidFile = path.join(dataDir, "postmaster.pid");
      const postmaster = () => (fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]) : null);

      /** `npm start` until `ready` holds of its processes; its processes at that moment. */
      async function startUntil(what: string, ready: (tree: Map<number, string>, output: string) => number | undefined) {
        const start = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
          cwd: ROOT,
          env: { ...env, PORT: String(await freePort()) },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        start.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        start.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        const child = await until(
          () => `${what} (${output})`,
          90_000,
          () => ready(descendants(start.pid!), output),
        );
        return { start, child, output: () => output, tree: descendants(start.pid!) };
      }
      const seed = (tree: Map<number, string>) => [...tree].find(([, command]) => command.includes("prisma/seed.ts"))?.[0];

      try {
        // 1. Killed while loading the demo, together with its database watchdog: PostgreSQL alone is left.
        const first = await startUntil("le chargement de la démo", seed);
        const firstServer = postmaster()!;
        const watchdog = [...first.tree].find(([, command]) => command.includes("db-watchdog.mjs"));
        expect(watchdog, "un gardien de la base tourne à côté").toBeTruthy();
        first.start.kill("SIGKILL");
        process.kill(watchdog![0], "SIGKILL");
        const serverTree = new Set([firstServer, ...descendants(firstServer).keys()]);
        const left =
          (tree: Map<number, string>, spared = new Set<number>()) =>
          () =>
            `encore là : ${[...tree]
              .filter(([pid]) => !spared.has(pid) && running(pid))
              .map(([pid, command]) => `${pid} ${command}`)
              .join(" ; ")}`;
        await until(left(first.tree, serverTree), 10_000, () =>
          [...first.tree.keys()].every((pid) => serverTree.has(pid) || !running(pid)),
        );
        expect(running(first.child)).toBe(false); // the demo load
        expect(first.output()).not.toContain("resté en marche");
        expect(running(firstServer)).toBe(true); // the orphan

        // 2. The next start stops the orphan cleanly, then starts its own server.
        const second = await startUntil("sa propre base démarrée", (tree, output) =>
          output.includes("[db] PostgreSQL intégré démarré")
            ? [...tree].find(([, command]) => command.includes("db-watchdog.mjs"))?.[0]
            : undefined,
        );
        expect(second.output()).toContain(`est resté en marche`);
        expect(second.output()).toContain(`(processus ${firstServer}`);
        expect(running(firstServer)).toBe(false);
        const secondServer = postmaster()!;
        expect(secondServer).not.toBe(firstServer);

        // 3. Killed alone this time: every process it started ends, PostgreSQL included (fast shutdown).
        second.start.kill("SIGKILL");
        await until(left(second.tree), 20_000, () => [...second.tree.keys()].every((pid) => !running(pid)));
        await until("le fichier postmaster.pid retiré (arrêt propre)", 10_000, () => postmaster() === null);
        expect(liveServerOf(dataDir)).toBeNull();
      } finally {
        const left = postmaster();
        if (left && running(left)) process.kill(left, "SIGQUIT");
        fs.rmSync(home, { recursive: true, force: true });
        fs.rmSync(path.join(ROOT, ".data", `start-${dist.replace(/[^\w-]/g, "")}.lock`), { force: true });
      }
    },
    180_000,
  );
});

describe("demo data", () => {
  it("interrupted at any moment, the load leaves nothing half-done; the next run loads it whole", async () => {
    const name = "portail_test_seed";
    await recreate(name);
    const env = { ...process.env, ...prismaEnv, DATABASE_URL: urlFor(name) };
    const migrate = spawnSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      cwd: ROOT,
      env,
      encoding: "utf8",
    });
    expect(migrate.status).toBe(0);

    // Killed hard part-way (like the 0.8 s interruption of the issue).
    const seed = spawn(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { cwd: ROOT, env, stdio: "ignore" });
    const exited = new Promise((r) => seed.once("exit", r));
    await new Promise((r) => setTimeout(r, 900));
    seed.kill("SIGKILL");
    await exited;
    const afterKill = await counts(name);
    // 3 families and the separated couple (2 foyers, garde alternée); 5 parents + accueil + admin.
    const complete = { users: 7, families: 5, structures: 1, requests: 1 };
    const empty = { users: 0, families: 0, structures: 0, requests: 0 };
    expect([JSON.stringify(empty), JSON.stringify(complete)]).toContain(JSON.stringify(afterKill));

    const rerun = spawnSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { cwd: ROOT, env, encoding: "utf8" });
    expect(rerun.status).toBe(0);
    expect(await counts(name)).toEqual(complete);
    const again = spawnSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { cwd: ROOT, env, encoding: "utf8" });
    expect(again.stdout).toContain("déjà présentes");
    expect(await counts(name)).toEqual(complete);
  }, 120_000);
});

describe("the visitor's address (TRUSTED_PROXIES)", () => {
  async function seen(trusted: string[], headers: Record<string, string>): Promise<Record<string, string | undefined>> {
    const { clientIpFilter } = await import("@/scripts/lib/serve");
    const filter = clientIpFilter(trusted, "x-ip-test");
    const server = http.createServer((req, res) => {
      filter(req);
      res.end(JSON.stringify({ ip: req.headers["x-ip-test"], xff: req.headers["x-forwarded-for"] }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as net.AddressInfo;
      return (await (await fetch(`http://127.0.0.1:${port}/`, { headers })).json()) as Record<string, string | undefined>;
    } finally {
      server.close();
    }
  }

  it("without trusted proxies, a rotating X-Forwarded-For changes nothing: the socket's address counts", async () => {
    for (const forged of ["1.2.3.4", "5.6.7.8, 9.9.9.9"]) {
      expect(await seen([], { "x-forwarded-for": forged, "x-ip-test": "6.6.6.6" })).toEqual({ ip: "127.0.0.1" });
    }
  });

  it("behind a trusted proxy, the first untrusted hop counts", async () => {
    expect(await seen(["loopback"], { "x-forwarded-for": "203.0.113.5" })).toMatchObject({ ip: "203.0.113.5" });
    // A visitor prepending a fake hop does not move it: the proxy appended the real one last.
    expect(await seen(["loopback", "10.0.0.0/8"], { "x-forwarded-for": "1.1.1.1, 198.51.100.7, 10.0.0.2" })).toMatchObject({
      ip: "198.51.100.7",
    });
  });

  it("refuses a TRUSTED_PROXIES it cannot read, in French", async () => {
    const { trustedProxies } = await import("@/scripts/lib/serve");
    expect(() => trustedProxies("pas-une-adresse")).toThrow(/TRUSTED_PROXIES contient une valeur invalide/);
    expect(trustedProxies("127.0.0.1, 10.0.0.0/8")).toEqual(["127.0.0.1", "10.0.0.0/8"]);
  });
});
