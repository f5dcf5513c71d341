/**
 * The opening-day rush: N parents (default 500), each with its own session and a validated inscription,
 * book the same unit-day (default 50 places) at the same second.
 *
 *   npm run db -- node --conditions=react-server --import tsx bench/rush.ts [http://localhost:3000] [parents] [places]
 *
 * Phase 1 posts the real server action « Valider mes demandes » (sendReservationRequestsAction) over HTTP
 * to the running app (`npm start`); phase 2 calls the domain function (requestReservations) directly,
 * without HTTP, on a second unit-day. Each prints requests/s, p50/p99 latency, errors, and what the
 * database holds afterwards: booked, waiting (ranks 1…n without a gap) and overbooked (must be 0).
 * Not a test: the figures depend on the machine. The react-server condition is the one Next.js gives
 * server code (it lets this script import `server-only` modules). It writes its families into the
 * database of the app (DATABASE_URL, set by `npm run db --`); `npm run db:reset` removes them.
 */
import fs from "node:fs";
import path from "node:path";
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

/** A unit-day with `places` places, a month ahead, and `parents` families each with a validated inscription. */
async function rushWorld() {
  const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const world = await createBookableWorld(prisma, {
    start,
    end,
    weekdays: [1, 2, 3, 4, 5],
    units: [{ name: "Journée", capacity: places }],
    automatic: true,
  });
  const families = [];
  for (let i = 0; i < parents; i += 1) {
    const f = await createFamily(prisma, { lastName: `Ruée${i}`, children: [{ firstName: "Enfant", birthDate: "2018-05-01", sex: "F" }] });
    const inscription = await inscribe(prisma, world, f.family, f.children[0]!.id);
    families.push({ ...f, inscription });
  }
  return { world, day: world.openingDays[0]!, families };
}

async function readBack(world: Awaited<ReturnType<typeof rushWorld>>["world"], day: string) {
  const slot = { timeUnitId: world.units[0]!.id, date: new Date(`${day}T00:00:00Z`) };
  const holding = await prisma.reservation.count({ where: { ...slot, status: { in: [...RESERVATION_STATUSES.HOLDS_PLACE] } } });
  const waiting = await prisma.reservation.findMany({ where: { ...slot, status: "WAITLISTED" }, select: { waitlistRank: true } });
  const ranks = waiting.map((w) => w.waitlistRank ?? 0).sort((a, b) => a - b);
  const ranksOk = ranks.every((r, i) => r === i + 1);
  return { booked: holding, waiting: waiting.length, overbooked: Math.max(0, holding - places), "rangs 1…n": ranksOk ? "oui" : "NON" };
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T | null; error: string | null }> {
  const started = performance.now();
  try {
    const value = await run();
    return { ms: performance.now() - started, value, error: null };
  } catch (error) {
    return { ms: performance.now() - started, value: null, error: String(error) };
  }
}

function summary(label: string, results: { ms: number; error: string | null }[], wallMs: number) {
  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
  return {
    phase: label,
    requêtes: results.length,
    "durée (s)": Number((wallMs / 1000).toFixed(2)),
    "req/s": Math.round(results.length / (wallMs / 1000)),
    "p50 (ms)": Math.round(percentile(latencies, 50)),
    "p99 (ms)": Math.round(percentile(latencies, 99)),
    erreurs: results.filter((r) => r.error).length,
  };
}

async function main() {
  const id = actionId("sendReservationRequestsAction");
  console.log(`Préparation : 2 × ${parents} familles, ${places} places…`);
  const http = await rushWorld();
  const direct = await rushWorld();
  const key = secret();
  const cookies: string[] = [];
  for (const f of http.families) {
    const session = await prisma.userSession.create({
      data: { userId: f.user.id, userAgent: "bench/rush", expiresAt: new Date(Date.now() + 3_600_000) },
      select: { id: true },
    });
    cookies.push(`next-auth.session-token=${await encode({ token: { userId: f.user.id, sessionId: session.id }, secret: key })}`);
  }
  // Warm the route once (compiles nothing in production, but opens the server's connections).
  await fetch(`${base}/api/sante`).catch(() => null);

  // Reference, in the same run: the same action posted by the same parents with nothing selected — the
  // session is read and the input parsed, then « Sélectionnez au moins une case » before any lock or write.
  // What HTTP, Next.js and the session cost for ${parents} requests at once on this machine.
  console.log(`Référence : ${parents} POST simultanés de la même action, sans case (refusée avant tout verrou)`);
  const started0 = performance.now();
  const referenceResults = await Promise.all(
    http.families.map((_f, i) =>
      timed(async () => {
        const response = await fetch(`${base}/mes-reservations`, {
          method: "POST",
          headers: {
            "next-action": id,
            "content-type": "text/plain;charset=UTF-8",
            origin: base,
            cookie: cookies[i]!,
            accept: "text/x-component",
          },
          body: JSON.stringify([{ cells: [] }]),
        });
        const text = await response.text();
        if (response.status !== 200 || !text.includes("Sélectionnez au moins une case"))
          throw new Error(`HTTP ${response.status} ${text.slice(0, 200)}`);
        return text;
      }),
    ),
  );
  const wall0 = performance.now() - started0;

  console.log(`Phase 1 : ${parents} POST simultanés de « Valider mes demandes » sur ${base}/mes-reservations`);
  const started1 = performance.now();
  const httpResults = await Promise.all(
    http.families.map((f, i) =>
      timed(async () => {
        const response = await fetch(`${base}/mes-reservations`, {
          method: "POST",
          headers: {
            "next-action": id,
            "content-type": "text/plain;charset=UTF-8",
            origin: base,
            cookie: cookies[i]!,
            accept: "text/x-component",
          },
          body: JSON.stringify([{ cells: [{ inscriptionId: f.inscription.id, timeUnitId: http.world.units[0]!.id, day: http.day }] }]),
        });
        const text = await response.text();
        if (response.status !== 200 || !text.includes('"ok":true')) throw new Error(`HTTP ${response.status} ${text.slice(0, 200)}`);
        return text;
      }),
    ),
  );
  const wall1 = performance.now() - started1;

  console.log(
    `Phase 2 : ${parents} appels simultanés de requestReservations (sans HTTP, pool de ${process.env.DB_POOL_SIZE ?? 10} connexions)`,
  );
  const started2 = performance.now();
  const directResults = await Promise.all(
    direct.families.map((f) =>
      timed(() =>
        requestReservations({
          familyId: f.family.id,
          cells: [{ inscriptionId: f.inscription.id, timeUnitId: direct.world.units[0]!.id, day: direct.day }],
          actor: actorFromUser(f.user),
        }),
      ),
    ),
  );
  const wall2 = performance.now() - started2;

  const rows = [
    { ...summary("référence HTTP (action sans case)", referenceResults, wall0) },
    { ...summary("HTTP (server action)", httpResults, wall1), ...(await readBack(http.world, http.day)) },
    { ...summary("domaine (sans HTTP)", directResults, wall2), ...(await readBack(direct.world, direct.day)) },
  ];
  console.log(`\nRuée de l'ouverture : ${parents} parents, ${places} places, ${new Date().toISOString()}`);
  console.table(rows);
  const ratio = (a: number, b: number) => (b === 0 ? "—" : (a / b).toFixed(2));
  console.log(
    `Rapport à la référence (même passage) : débit HTTP ${ratio(rows[1]!["req/s"], rows[0]!["req/s"])} ; p99 HTTP ${ratio(rows[1]!["p99 (ms)"], rows[0]!["p99 (ms)"])} × celui de la référence.`,
  );
  const firstError = [...referenceResults, ...httpResults, ...directResults].find((r) => r.error);
  if (firstError) console.log(`Première erreur : ${firstError.error}`);
  await prisma.$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
