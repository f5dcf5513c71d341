/**
 * `npx tsx bench/pages.ts [baseUrl] [seconds]` — throughput and latency (p50, p99) of the main pages of a running app
 * (`npm start`, demo data) at 20 connections, each as a ratio to a near-trivial page of the same app,
 * `/acces-refuse` (it renders only the layout), signed in with the same role; and `/acces-refuse` signed in as a
 * ratio to the same page anonymous (the cost of the signed-in layout). Each page and its reference are measured in
 * turns (`BENCH_ROUNDS`, 2 by default), so that the machine's load weighs on both alike. Loopback only. Not a test:
 * the absolute figures depend on the machine; read the ratios.
 *
 * Run through `npm run db -- node --conditions=react-server --import tsx bench/pages.ts` (DATABASE_URL set) and it also
 * measures « Mes réservations »: the month calendar of one inscription and the family view of a family of 3 children
 * with a month of bookings each (created by the bench). `BENCH_ONLY=reservations`: only those (and the layout);
 * `BENCH_ONLY=layout`: only `/acces-refuse`; `BENCH_ONLY=parent`: the parent's pages only (no staff page).
 */
import autocannon from "autocannon";
import { loopbackBase, sessionCookie as signIn } from "./lib";

const base = loopbackBase(process.argv[2]);
const seconds = Number(process.argv[3] ?? 10);
const CONNECTIONS = 20;
const sessionCookie = (email: string) => signIn(base, email);

interface Row {
  page: string;
  reference: "anonyme" | "parent" | "accueil" | null;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
  kB: number;
}

async function measure(label: string, path: string, reference: Row["reference"], cookie?: string, duration = seconds): Promise<Row> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  // Warm-up: the page's code loaded and its first render done before the clock starts.
  const first = await fetch(`${base}${path}`, { headers, redirect: "manual" });
  const html = await first.text();
  if (first.status !== 200) throw new Error(`${path} : HTTP ${first.status} (attendu 200)`);
  await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, amount: CONNECTIONS * 2, headers });
  const result = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration, headers });
  return {
    page: label,
    reference,
    rps: Math.round(result.requests.average * 10) / 10,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    bad: result.non2xx + result.errors + result.timeouts,
    kB: Math.round(Buffer.byteLength(html) / 1024),
  };
}

/**
 * A page and its reference measured in turns (`ROUNDS` times each, `seconds / ROUNDS` at a time), so that a change of
 * the machine's load during the run weighs on both alike: the ratio is that of their sums, the page's p99 its worst.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
async function paired(label: string, path: string, reference: { label: string; path: string; cookie?: string }, cookie?: string) {
  const pages: Row[] = [];
  const refs: Row[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    refs.push(await measure(reference.label, reference.path, null, reference.cookie, seconds / ROUNDS));
    pages.push(await measure(label, path, null, cookie, seconds / ROUNDS));
  }
  const sum = (rows: Row[]) => rows.reduce((total, r) => total + r.rps, 0);
  const page = pages[0]!;
  return {
    page: label,
    "req/s": Math.round((10 * sum(pages)) / ROUNDS) / 10,
    "p50 (ms)": Math.max(...pages.map((r) => r.p50)),
    "p99 (ms)": Math.max(...pages.map((r) => r.p99)),
    "HTML (ko)": page.kB,
    "non-2xx": pages.reduce((total, r) => total + r.bad, 0),
    référence: `${reference.label} ${Math.round((10 * sum(refs)) / ROUNDS) / 10} req/s`,
    "/ référence": `${Math.round((100 * sum(pages)) / sum(refs))} %`,
  };
}

async function main() {
  const parent = await sessionCookie("claire.martin@exemple.fr");
  const staff = await sessionCookie("accueil@les-tilleuls.example");
  const anonymousRef = { label: "/acces-refuse anonyme", path: "/acces-refuse" };
  const parentRef = { label: "/acces-refuse parent", path: "/acces-refuse", cookie: parent };
  const staffRef = { label: "/acces-refuse accueil", path: "/acces-refuse", cookie: staff };
  const rows = [
    await paired("/acces-refuse (parent)", "/acces-refuse", anonymousRef, parent),
    await paired("/acces-refuse (accueil)", "/acces-refuse", anonymousRef, staff),
  ];
  if (process.env.BENCH_ONLY !== "layout") {
    if (process.env.BENCH_ONLY !== "reservations") {
      for (const path of ["/tableau-de-bord", "/ma-famille", "/mes-inscriptions", "/mes-factures", "/mes-envois", "/mes-messages"]) {
        rows.push(await paired(`${path} (parent)`, path, parentRef, parent));
      }
    }
    if (process.env.DATABASE_URL) {
      const family = await benchFamily();
      const cookie = await sessionCookie(family.email);
      const ref = { ...parentRef, cookie };
      rows.push(
        await paired(
          `/mes-reservations?inscription=… (calendrier du mois, ${family.bookings} réservations)`,
          `/mes-reservations?inscription=${family.inscriptionId}`,
          ref,
          cookie,
        ),
        await paired("/mes-reservations (vue famille, 3 enfants)", "/mes-reservations", ref, cookie),
      );
    } else {
      console.log("Mes réservations : lancez « npm run db -- npx tsx bench/pages.ts » pour les mesurer (il crée leur famille).");
    }
    if (process.env.BENCH_ONLY !== "reservations" && process.env.BENCH_ONLY !== "parent") {
      for (const path of ["/admin", "/admin/inscriptions", "/admin/pointage", "/admin/occupation"]) {
        rows.push(await paired(`${path} (accueil)`, path, staffRef, staff));
      }
    }
  }
  console.log(
    `\nPages à ${CONNECTIONS} connexions, chacune mesurée en alternance avec sa référence (${ROUNDS} × ${seconds / ROUNDS} s chacune), ${new Date().toISOString()}`,
  );
  console.table(rows);
}

/** A family of 3 children, each inscribed in the demo's périscolaire with a month of R (every unit, every school day). */
async function benchFamily() {
  const { db } = await import("../lib/db");
  const { createFamily } = await import("../prisma/factories");
  const prisma = db as unknown as import("../lib/generated/prisma/client").PrismaClient;
  const activity = await prisma.activity.findFirstOrThrow({
    where: { careType: { kind: "PERISCOLAIRE" } },
    include: { periods: true, ageGroups: true, timeUnits: true },
  });
  const period = activity.periods[0]!;
  const f = await createFamily(prisma, {
    lastName: "Banc",
    children: ["Alix", "Basile", "Chloé"].map((firstName, i) => ({ firstName, birthDate: `201${6 + i}-04-01`, sex: "F" as const })),
  });
  const today = new Date().toISOString().slice(0, 10);
  const month = today.slice(0, 7);
  const days = (await prisma.openingDay.findMany({ where: { periodId: period.id }, orderBy: { date: "asc" }, select: { date: true } }))
    .map((d) => d.date)
    .filter((d) => d.toISOString().slice(0, 7) === month);
  const inscriptions = [];
  for (const child of f.children) {
    const inscription = await prisma.inscription.create({
      data: {
        familyId: f.family.id,
        childId: child.id,
        activityId: activity.id,
        periodId: period.id,
        ageGroupId: activity.ageGroups.at(-1)?.id ?? null,
        status: "VALIDATED",
        startDate: period.startDate,
        endDate: period.endDate,
      },
    });
    inscriptions.push(inscription.id);
    await prisma.reservation.createMany({
      data: days.flatMap((date) =>
        activity.timeUnits.map((u) => ({ inscriptionId: inscription.id, timeUnitId: u.id, date, status: "RESERVED" as const })),
      ),
    });
  }
  await prisma.$disconnect();
  return { email: f.user.email, inscriptionId: inscriptions[0]!, bookings: days.length * activity.timeUnits.length };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
