/**
 * The opening-day rush: N parents (default 500), each with its own session and a validated inscription,
 * book the same unit-day (default 50 places) at the same second — with, in the same run, the floors it is
 * measured against.
 *
 *   npm run db -- node --conditions=react-server --import tsx bench/rush.ts [http://localhost:3000] [parents] [places]
 *
 * With RUSH_PROCESSES=1,2 the bench starts the demo server itself (scripts/start.ts on the build already made,
 * SKIP_BUILD=1) on the address's port with WEB_PROCESSES=1, then =2, one after the other, and stops each; without
 * it, it measures the server already running there. RUSH_CPU_PROF=<folder>: the servers it starts write a CPU
 * profile there (node --cpu-prof; one file per process), read with bench/cpu-profile.ts.
 *
 * For each server, 500 simultaneous requests of each kind, the same parents' sessions:
 *  - route handler: GET /api/session, the parent's session check and nothing else (204);
 *  - reference: the real action « Valider mes demandes » with no cell — refused before any lock or write;
 *  - HTTP booking: the real action with one cell each, on a unit-day of its own.
 * Then, without HTTP: requestReservations called 500 times at once (the domain), and PostgreSQL alone running
 * the same booking transaction (advisory lock, count, insert + log) with Debian's pgbench, 50 clients, on one hot
 * slot and spread over 1,000 slots. Prints req/s, p50/p99, errors, the size of the answers, what the database holds
 * afterwards (booked, waiting with ranks 1…n without a gap, overbooked — must be 0), and the issue's ratios.
 * Not a test: the figures depend on the machine. The react-server condition is the one Next.js gives server code
 * (it lets this script import `server-only` modules). Its families stay in the app's database (DATABASE_URL, set by
 * `npm run db --`); `npm run db:reset` removes them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { encode } from "next-auth/jwt";
import { db } from "../lib/db";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { requestReservations } from "../lib/reservations/request-reservations";
import { actorFromUser, RESERVATION_STATUSES } from "../lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "../prisma/factories";
import { loopbackBase } from "./lib";

const base = loopbackBase(process.argv[2]);
const parents = Number(process.argv[3] ?? 500);
const places = Number(process.argv[4] ?? 50);
const processCounts = (process.env.RUSH_PROCESSES ?? "")
  .split(",")
  .filter(Boolean)
  .map((n) => Number(n));
const prisma = db as PrismaClient;
const ROOT = path.resolve(__dirname, "..");

function secret(): string {
  return process.env.NEXTAUTH_SECRET ?? fs.readFileSync(path.join(ROOT, ".data", "nextauth-secret"), "utf8").trim();
}

function actionId(name: string): string {
  const dist = process.env.NEXT_DIST_DIR ?? ".next";
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, dist, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`Action ${name} introuvable dans ${dist} : lancez d'abord « npm start ».`);
  return found[0];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** In chunks, so that building 500 families does not open 500 transactions at once. */
async function inChunks<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

/** A unit-day with `places` places, a month ahead, and `parents` families each with a validated inscription and a session. */
async function rushWorld(label: string) {
  const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const world = await createBookableWorld(prisma, {
    start,
    end,
    weekdays: [1, 2, 3, 4, 5],
    units: [{ name: "Journée", capacity: places }],
    automatic: true,
  });
  const key = secret();
  const families = await inChunks([...Array(parents).keys()], 10, async (i) => {
    const f = await createFamily(prisma, {
      lastName: `Ruée${label}${i}`,
      children: [{ firstName: "Enfant", birthDate: "2018-05-01", sex: "F" }],
    });
    const inscription = await inscribe(prisma, world, f.family, f.children[0]!.id);
    const session = await prisma.userSession.create({
      data: { userId: f.user.id, userAgent: "bench/rush", expiresAt: new Date(Date.now() + 3_600_000) },
      select: { id: true },
    });
    const cookie = `next-auth.session-token=${await encode({ token: { userId: f.user.id, sessionId: session.id }, secret: key })}`;
    return { ...f, inscription, cookie };
  });
  return { world, day: world.openingDays[0]!, families };
}
type World = Awaited<ReturnType<typeof rushWorld>>;

async function readBack(world: World) {
  const slot = { timeUnitId: world.world.units[0]!.id, date: new Date(`${world.day}T00:00:00Z`) };
  const holding = await prisma.reservation.count({ where: { ...slot, status: { in: [...RESERVATION_STATUSES.HOLDS_PLACE] } } });
  const waiting = await prisma.reservation.findMany({ where: { ...slot, status: "WAITLISTED" }, select: { waitlistRank: true } });
  const ranks = waiting.map((w) => w.waitlistRank ?? 0).sort((a, b) => a - b);
  const ranksOk = ranks.every((r, i) => r === i + 1);
  return { réservées: holding, attente: waiting.length, surréservées: Math.max(0, holding - places), "rangs 1…n": ranksOk ? "oui" : "NON" };
}

interface Timed {
  ms: number;
  bytes: number;
  error: string | null;
}

async function timed(run: () => Promise<number>): Promise<Timed> {
  const started = performance.now();
  try {
    const bytes = await run();
    return { ms: performance.now() - started, bytes, error: null };
  } catch (error) {
    return { ms: performance.now() - started, bytes: 0, error: String(error) };
  }
}

interface Row {
  phase: string;
  requêtes: number;
  "req/s": number;
  "p50 (ms)": number;
  "p99 (ms)": number;
  erreurs: number;
  "octets/rép.": number | string;
  [more: string]: string | number;
}

function summary(label: string, results: Timed[], wallMs: number): Row {
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
  const ok = results.filter((r) => !r.error);
  return {
    phase: label,
    requêtes: results.length,
    "req/s": Math.round(results.length / (wallMs / 1000)),
    "p50 (ms)": Math.round(percentile(latencies, 50)),
    "p99 (ms)": Math.round(percentile(latencies, 99)),
    erreurs: results.length - ok.length,
    "octets/rép.": ok.length ? Math.round(ok.reduce((s, r) => s + r.bytes, 0) / ok.length) : "—",
  };
}

const firstErrors: string[] = [];

async function burst(label: string, count: number, one: (i: number) => Promise<number>): Promise<Row> {
  const started = performance.now();
  const results = await Promise.all([...Array(count).keys()].map((i) => timed(() => one(i))));
  const wall = performance.now() - started;
  const failed = results.find((r) => r.error);
  if (failed) firstErrors.push(`${label} : ${failed.error}`);
  const row = summary(label, results, wall);
  console.log(JSON.stringify(row));
  return row;
}

/** POSTs the action as React's client does (JSON arguments as text/plain), with the parent's cookie. */
async function postAction(url: string, id: string, cookie: string, args: unknown, expect: (text: string) => boolean): Promise<number> {
  const response = await fetch(`${url}/mes-reservations`, {
    method: "POST",
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", origin: url, cookie, accept: "text/x-component" },
    body: JSON.stringify(args),
  });
  const text = await response.text();
  if (response.status !== 200 || !expect(text)) throw new Error(`HTTP ${response.status} ${text.slice(0, 300)}`);
  return Buffer.byteLength(text);
}

/** Route handler, no-op action, HTTP booking: 500 of each at once against one server. */
async function httpPhases(url: string, tag: string, world: World, id: string): Promise<Row[]> {
  // Warm the server once (its connections, the action's module, the route's).
  await fetch(`${url}/api/sante`).catch(() => null);
  await fetch(`${url}/api/session`, { headers: { cookie: world.families[0]!.cookie } }).catch(() => null);
  await postAction(url, id, world.families[0]!.cookie, [{ cells: [] }], () => true).catch(() => 0);

  const route = await burst(`${tag} route handler (session)`, parents, async (i) => {
    const response = await fetch(`${url}/api/session`, { headers: { cookie: world.families[i]!.cookie } });
    const text = await response.text();
    if (response.status !== 204) throw new Error(`HTTP ${response.status} ${text.slice(0, 200)}`);
    return Buffer.byteLength(text);
  });
  const noop = await burst(`${tag} action sans case (référence)`, parents, (i) =>
    postAction(url, id, world.families[i]!.cookie, [{ cells: [] }], (text) => text.includes("Sélectionnez au moins une case")),
  );
  const booking = await burst(`${tag} réservation HTTP`, parents, (i) => {
    const f = world.families[i]!;
    const cell = { inscriptionId: f.inscription.id, timeUnitId: world.world.units[0]!.id, day: world.day };
    return postAction(url, id, f.cookie, [{ cells: [cell] }], (text) => text.includes('"ok":true'));
  });
  return [route, noop, { ...booking, ...(await readBack(world)) }];
}

/** The demo server on the build already made, with `processes` web processes; resolves once it answers. */
async function startServer(processes: number, port: number, profileDir: string | undefined): Promise<ChildProcess> {
  const args = [...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), "--import", "tsx", "scripts/start.ts"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      SKIP_BUILD: "1",
      WEB_PROCESSES: String(processes),
      ...(profileDir ? { WEB_PROCESS_CPU_PROF: profileDir } : {}),
    },
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Le serveur s'est arrêté au démarrage (code ${child.exitCode}).`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/sante`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return child;
    if (Date.now() > deadline) throw new Error("Le serveur ne répond pas après 120 s.");
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid!, "SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
}

/**
 * PostgreSQL alone, the booking transaction of the domain as pgbench runs it: the slot's advisory lock, the count
 * of its places, the reservation's insert, then its log (two steps: asked, validated). On copies of Reservation and
 * TransitionLog with their indexes (LIKE … INCLUDING ALL: no foreign keys), dropped afterwards. One hot slot (every
 * client on the same lock), or spread over 1,000 slots.
 */
function pgbench(slots: number): Row {
  const url = process.env.DATABASE_URL!;
  const clients = Number(process.env.PGBENCH_CLIENTS ?? 50);
  const seconds = Number(process.env.PGBENCH_SECONDS ?? 10);
  const holding = RESERVATION_STATUSES.HOLDS_PLACE.map((s) => `'${s}'`).join(", ");
  const script = `\\set slot random(1, ${slots})
\\set n random(1, 2000000000)
BEGIN;
SELECT pg_advisory_xact_lock(hashtext('slot:bench-rush|' || CAST(:slot AS text)));
SELECT count(*)::int FROM bench_rush_reservation WHERE "timeUnitId" = 'bench-' || CAST(:slot AS text) AND "date" = DATE '2030-01-07' AND "status"::text IN (${holding});
INSERT INTO bench_rush_reservation ("id", "inscriptionId", "timeUnitId", "date", "status", "decidedAt", "createdAt", "updatedAt")
  VALUES ('r' || CAST(:client_id AS text) || '-' || CAST(:n AS text), 'i' || CAST(:client_id AS text) || '-' || CAST(:n AS text), 'bench-' || CAST(:slot AS text), DATE '2030-01-07', 'RESERVED', now(), now(), now());
INSERT INTO bench_rush_log ("id", "machine", "entityId", "fromStatus", "toStatus", "actorId", "actorRole", "reason", "createdAt")
  VALUES ('l1-' || CAST(:client_id AS text) || '-' || CAST(:n AS text), 'RESERVATION', 'r' || CAST(:client_id AS text) || '-' || CAST(:n AS text), NULL, 'REQUESTED', NULL, 'parent', NULL, now()),
         ('l2-' || CAST(:client_id AS text) || '-' || CAST(:n AS text), 'RESERVATION', 'r' || CAST(:client_id AS text) || '-' || CAST(:n AS text), 'REQUESTED', 'RESERVED', NULL, 'système', 'Validation automatique', now());
COMMIT;
`;
  const file = path.join(os.tmpdir(), `bench-rush-${process.pid}.sql`);
  fs.writeFileSync(file, script);
  const result = spawnSync(
    "/usr/bin/pgbench",
    ["-n", "-M", "simple", "-c", String(clients), "-j", "2", "-T", String(seconds), "-r", "-f", file, url],
    { encoding: "utf8" },
  );
  fs.rmSync(file, { force: true });
  if (result.status !== 0) throw new Error(`pgbench : ${(result.stderr || String(result.error)).slice(0, 2000)}`);
  const tps = Number(/tps = ([\d.]+)/.exec(result.stdout)?.[1] ?? NaN);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(result.stdout)?.[1] ?? NaN);
  const failed = Number(/number of failed transactions: (\d+)/.exec(result.stdout)?.[1] ?? 0);
  return {
    phase: `pgbench ${clients} clients, ${slots === 1 ? "un créneau (chaud)" : `${slots} créneaux`}`,
    requêtes: Number(/number of transactions actually processed: (\d+)/.exec(result.stdout)?.[1] ?? 0),
    "req/s": Math.round(tps),
    "p50 (ms)": Math.round(latency),
    "p99 (ms)": "—" as unknown as number,
    erreurs: failed,
    "octets/rép.": "—",
  };
}

async function pgbenchPhases(): Promise<Row[]> {
  await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_rush_reservation, bench_rush_log`);
  await prisma.$executeRawUnsafe(`CREATE TABLE bench_rush_reservation (LIKE "Reservation" INCLUDING ALL)`);
  await prisma.$executeRawUnsafe(`CREATE TABLE bench_rush_log (LIKE "TransitionLog" INCLUDING ALL)`);
  try {
    const hot = pgbench(1);
    await prisma.$executeRawUnsafe(`TRUNCATE bench_rush_reservation, bench_rush_log`);
    const spread = pgbench(1000);
    return [hot, spread];
  } finally {
    await prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS bench_rush_reservation, bench_rush_log`);
  }
}

const ratio = (a: number, b: number, digits = 2) => (b === 0 || !Number.isFinite(a / b) ? "—" : (a / b).toFixed(digits));
const percent = (a: number, b: number) => (b === 0 ? "—" : `${Math.round((100 * a) / b)} %`);

async function main() {
  if (process.env.RUSH_ONLY === "pgbench") {
    console.table(await pgbenchPhases());
    return prisma.$disconnect();
  }
  const id = actionId("sendReservationRequestsAction");
  const servers = processCounts.length > 0 ? processCounts : [null];
  console.log(`Préparation : ${servers.length + 1} × ${parents} familles, ${places} places…`);
  const worlds: World[] = [];
  for (const [i] of servers.entries()) worlds.push(await rushWorld(`H${i}-`));
  const direct = await rushWorld("D-");

  const rows: Row[] = [];
  const perServer: { label: string; route: Row; noop: Row; booking: Row }[] = [];
  for (const [i, count] of servers.entries()) {
    const tag = count === null ? "" : `[${count} proc.]`;
    let child: ChildProcess | null = null;
    if (count !== null) {
      console.log(`Démarrage du serveur, ${count} processus…`);
      child = await startServer(count, Number(new URL(base).port || 80), process.env.RUSH_CPU_PROF);
    }
    try {
      console.log(`${tag} route handler, action sans case, réservation : ${parents} requêtes simultanées chacune sur ${base}`);
      const [route, noop, booking] = await httpPhases(base, tag, worlds[i]!, id);
      rows.push(route!, noop!, booking!);
      perServer.push({ label: count === null ? base : `${count} processus`, route: route!, noop: noop!, booking: booking! });
    } finally {
      if (child) await stopServer(child);
    }
  }

  console.log(
    `Domaine : ${parents} appels simultanés de requestReservations (sans HTTP, pool de ${process.env.DB_POOL_SIZE ?? 10} connexions)`,
  );
  const domain = await burst("domaine (sans HTTP)", parents, async (i) => {
    const f = direct.families[i]!;
    await requestReservations({
      familyId: f.family.id,
      cells: [{ inscriptionId: f.inscription.id, timeUnitId: direct.world.units[0]!.id, day: direct.day }],
      actor: actorFromUser(f.user),
    });
    return 0;
  });
  rows.push({ ...domain, "octets/rép.": "—", ...(await readBack(direct)) });

  console.log(`PostgreSQL seul (pgbench) : la même transaction, ${process.env.PGBENCH_SECONDS ?? 10} s par mesure…`);
  const [hot, spread] = await pgbenchPhases();
  rows.push(hot!, spread!);

  console.log(
    `\nRuée de l'ouverture : ${parents} parents, ${places} places, ${os.availableParallelism()} cœurs, ${new Date().toISOString()}`,
  );
  console.table(rows);
  console.log("Rapports (même passage) :");
  console.log(
    `  domaine / pgbench créneau chaud : ${percent(domain["req/s"], hot!["req/s"])} (objectif ≥ 25 %) ; / pgbench réparti : ${percent(domain["req/s"], spread!["req/s"])}`,
  );
  for (const s of perServer) {
    console.log(
      `  ${s.label} : action sans case / route handler ${percent(s.noop["req/s"], s.route["req/s"])} (objectif ≥ 50 %) ; ` +
        `réservation HTTP / action sans case ${ratio(s.booking["req/s"], s.noop["req/s"])} (objectif ≥ 0,8), ` +
        `p99 ${ratio(s.booking["p99 (ms)"], s.noop["p99 (ms)"])} × celui de la référence (objectif ≤ 1,5)`,
    );
  }
  if (perServer.length > 1) {
    const [one, ...others] = perServer;
    for (const s of others)
      console.log(
        `  ${s.label} / ${one!.label} : route ${ratio(s.route["req/s"], one!.route["req/s"])} ×, action sans case ${ratio(s.noop["req/s"], one!.noop["req/s"])} ×, réservation ${ratio(s.booking["req/s"], one!.booking["req/s"])} ×`,
      );
  }
  for (const e of firstErrors) console.log(`Première erreur — ${e}`);
  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
