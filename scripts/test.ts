/**
 * `npm test`: every test, on fresh databases.
 *  1. Vitest: rules and domain functions against a real PostgreSQL (embedded, or DATABASE_URL's server).
 *  2. Playwright: journeys in Debian's Chromium against a production build of the app.
 * Prints one closing line « N passed, N failed » summing both.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { dropDatabase, EMBEDDED_PORT, startDatabase } from "./lib/database";
import { DEBIAN_PG15_BIN, startPostgresServer } from "../tests/postgres-server";
import { appEnv, BIN, ROOT } from "./lib/app-env";
import { mustRun, run } from "./lib/run";
import { warmUp } from "./lib/warm-up";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
  } catch {
    return null;
  }
}

async function waitForServer(url: string, timeoutMs: number, wanted?: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const response = await fetch(url);
      if (wanted ? response.status === wanted : response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Le serveur de test ne répond pas sur ${url}`);
}

async function freshDatabase(name: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const first = await startDatabase(name);
  const server = new URL(first.url);
  await dropDatabase(server.toString(), name);
  const db = await startDatabase(name);
  return { url: db.url, stop: first.stop };
}

/** Debian's Chromium drives the journeys; a downloaded browser is not possible here. */
async function ensureChromium(): Promise<void> {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (fs.existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium est introuvable (${chromium}). Installez-le : sudo apt-get install -y chromium`);
  }
  console.log("[test] Installation de Chromium (Debian)…");
  await mustRun("apt-get", ["update", "-qq"]);
  await mustRun("apt-get", ["install", "-y", "-qq", "chromium"], { env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
}

/**
 * PostgreSQL 15, the oldest version the portal supports: tests/backup.test.ts runs the migrations and the backup round
 * trip on Debian's server and client tools (decision 030). Installed as root when missing; otherwise that test says so.
 */
async function ensurePostgres15(): Promise<void> {
  const bin = "/usr/lib/postgresql/15/bin";
  if (process.getuid?.() !== 0 || (fs.existsSync(path.join(bin, "postgres")) && fs.existsSync(path.join(bin, "pg_dump")))) return;
  console.log("[test] Installation de PostgreSQL 15 (Debian)…");
  await mustRun("apt-get", ["update", "-qq"]);
  await mustRun("apt-get", ["install", "-y", "-qq", "postgresql-15", "postgresql-client-15"], {
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/** How long each part took, printed at the end (the suite must stay under 15 minutes on 2 cores). */
const phases: string[] = [];
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    phases.push(`${name} ${Math.round((Date.now() - started) / 1000)} s`);
  }
}

/**
 * Two production servers (`npm run serve`, as docs/deploiement.md says) started at the same moment on one fresh
 * database and one file store, then e2e/servers/ against both (playwright.servers.config.ts). Their logs (JSON
 * lines) are kept in .test-reports/server-a.log and server-b.log: the checks count requests in them.
 */
async function twoServers(): Promise<number> {
  // On the oldest PostgreSQL we support (Debian's 15) when it is here: the whole app runs on it, and its pg_dump can
  // back the database up for the restore check (the embedded 18 has no pg_dump of its own, decision 030).
  const pg15 = fs.existsSync(path.join(DEBIAN_PG15_BIN, "postgres"))
    ? await startPostgresServer(DEBIAN_PG15_BIN, EMBEDDED_PORT + 30)
    : null;
  const db = pg15 ? { url: await pg15.createDatabase("portail_test_servers") } : await freshDatabase("portail_test_servers");
  const files = fs.mkdtempSync(path.join(os.tmpdir(), "portail-fichiers-"));
  const ports = [E2E_PORT + 1, E2E_PORT + 2];
  const logs = ports.map((_, i) => path.join(ROOT, ".test-reports", `server-${"ab"[i]}.log`));
  const shared = appEnv(db.url, ports[0]!);
  const servers = ports.map((port, i) => {
    const env = {
      ...shared,
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXT_DIST_DIR: ".next-test",
      FILES_DIR: files,
      EMAIL_WORKER_INTERVAL_MS: "200",
      REMINDER_WORKER_INTERVAL_MS: "1000",
      // A records the billing runs its staff start, B (the « serveur de traitement ») runs them.
      // B also runs two web processes on its port (WEB_PROCESSES, ADR 041): the checks reach both through the cluster.
      ...(i === 0 ? { BILLING_WORKER: "off" } : { BILLING_WORKER_INTERVAL_MS: "500", WEB_PROCESSES: "2" }),
      // The stand-ins' keys are derived from NEXTAUTH_SECRET by the production server, alike on both.
      RESEND_STAND_IN_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
    };
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/production.ts"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const log = fs.createWriteStream(logs[i]!);
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    return child;
  });
  try {
    await Promise.all(ports.map((port) => waitForServer(`http://localhost:${port}/api/sante`, 180_000, 200)));
    return await run(BIN("playwright"), ["test", "--config", "playwright.servers.config.ts"], {
      cwd: ROOT,
      env: {
        ...shared,
        NEXT_DIST_DIR: ".next-test",
        E2E_SERVER_A: `http://localhost:${ports[0]}`,
        E2E_SERVER_B: `http://localhost:${ports[1]}`,
        E2E_SERVER_LOGS: logs.join(","),
        E2E_DATABASE_URL: db.url,
        E2E_FILES_DIR: files,
        E2E_SERVER_C_PORT: String(E2E_PORT + 3),
        ...(pg15 ? { E2E_PG_ADMIN_URL: pg15.url } : {}),
      },
    });
  } finally {
    for (const server of servers) server.kill("SIGTERM");
    await Promise.all(
      servers.map((server) => new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once("exit", resolve)))),
    );
    fs.rmSync(files, { recursive: true, force: true });
    await pg15?.stop();
  }
}

async function main() {
  const only = process.argv[2]; // "unit" | "e2e" | "servers" | undefined (all)
  fs.rmSync(path.join(ROOT, ".test-reports"), { recursive: true, force: true });
  fs.mkdirSync(path.join(ROOT, ".test-reports"), { recursive: true });
  const unitDb = await freshDatabase("portail_test_unit");
  let unitCode = 0;
  let e2eCode = 0;
  let serversCode = 0;
  try {
    if (only === undefined || only === "unit") {
      await ensurePostgres15();
      // The official pain.008 schema tests/sepa.test.ts validates against (ADR 053): fetched from Debian once; if it
      // cannot be, the test says so and fails.
      if (!fs.existsSync(path.join(ROOT, ".cache/sepa-xsd/pain.008.001.02.xsd")))
        await run("bash", [path.join(ROOT, "scripts/fetch-sepa-xsd.sh")], { cwd: ROOT });
      const env = appEnv(unitDb.url, E2E_PORT);
      await mustRun(BIN("prisma"), ["migrate", "deploy"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
      const filters = only === "unit" ? process.argv.slice(3) : [];
      unitCode = await phase("Vitest", () =>
        run(BIN("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile=.test-reports/unit.json", ...filters], {
          cwd: ROOT,
          env: { ...env, TEST_DATABASE_URL: unitDb.url, EMAIL_WORKER: "off" },
        }),
      );
    }
    if (only === undefined || only === "e2e") {
      await ensureChromium();
      const e2eDb = await freshDatabase("portail_test_e2e");
      const env = {
        ...appEnv(e2eDb.url, E2E_PORT),
        NEXT_DIST_DIR: ".next-test",
        EMAIL_WORKER_INTERVAL_MS: "300",
        // Reminders depend on the day the suite runs: their own tests call the job itself.
        REMINDER_WORKER: "off",
      };
      await mustRun(BIN("prisma"), ["migrate", "deploy"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
      if (process.env.SKIP_BUILD !== "1") await phase("next build", () => mustRun(BIN("next"), ["build"], { cwd: ROOT, env }));
      // The same server as `npm start` (client IP, clean stop), on the test build.
      const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
        cwd: ROOT,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      const log = fs.createWriteStream(path.join(ROOT, ".test-reports", "server.log"));
      server.stdout.pipe(log);
      server.stderr.pipe(log);
      try {
        await phase("démarrage et préchauffage du serveur", async () => {
          await waitForServer(`http://localhost:${E2E_PORT}/connexion`, 60_000);
          await warmUp(`http://localhost:${E2E_PORT}`, e2eDb.url, path.join(ROOT, "app"));
        });
        e2eCode = await phase("Playwright", () =>
          run(BIN("playwright"), ["test", ...process.argv.slice(3)], {
            cwd: ROOT,
            env: { ...env, E2E_BASE_URL: `http://localhost:${E2E_PORT}`, E2E_DATABASE_URL: e2eDb.url },
          }),
        );
      } finally {
        server.kill("SIGTERM");
      }
    }
    if (only === undefined || only === "servers") {
      if (only === "servers" && process.env.SKIP_BUILD !== "1") {
        await phase("next build", () =>
          mustRun(BIN("next"), ["build"], { cwd: ROOT, env: { ...appEnv(unitDb.url, E2E_PORT), NEXT_DIST_DIR: ".next-test" } }),
        );
      }
      serversCode = await phase("deux serveurs", () => twoServers());
    }
  } finally {
    await unitDb.stop();
  }

  const unit = readJson(".test-reports/unit.json") as { numPassedTests?: number; numFailedTests?: number } | null;
  type PlaywrightReport = { stats?: { expected?: number; unexpected?: number; flaky?: number } } | null;
  const e2e = readJson(".test-reports/e2e.json") as PlaywrightReport;
  const servers = readJson(".test-reports/servers.json") as PlaywrightReport;
  const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0) + (servers?.stats?.expected ?? 0);
  const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (servers?.stats?.unexpected ?? 0);
  console.log(
    `\nVitest : ${unit?.numPassedTests ?? 0} réussis, ${unit?.numFailedTests ?? 0} en échec — Playwright : ${e2e?.stats?.expected ?? 0} réussis, ${e2e?.stats?.unexpected ?? 0} en échec` +
      ` — deux serveurs : ${servers?.stats?.expected ?? 0} réussis, ${servers?.stats?.unexpected ?? 0} en échec`,
  );
  if (phases.length > 0) console.log(`Durées : ${phases.join(", ")}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(unitCode !== 0 || e2eCode !== 0 || serversCode !== 0 || failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
