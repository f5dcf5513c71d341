/**
 * `npx tsx bench/pages.ts [baseUrl] [seconds]` — throughput and latency of the
 * main pages of a running app (`npm start`, demo data), at 20 connections, each
 * against a near-trivial page of the same app measured in the same run:
 * `/acces-refuse` (it renders only the layout), signed in with the same role.
 * Also `/acces-refuse` signed in against the same page anonymous (the cost of
 * the signed-in layout). Loopback only. Not a test: figures depend on the
 * machine; compare the ratios, which are measured in one run.
 *
 * Run through `npm run db -- npx tsx bench/pages.ts` (DATABASE_URL set) and it also measures « Mes
 * réservations »: the month calendar of one inscription and the family view of a family of 3 children
 * with a month of bookings each (created by the bench). `BENCH_ONLY=reservations`: only those and the
 * parent reference. `BENCH_ONLY=layout`: only the three `/acces-refuse`.
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

async function measure(label: string, path: string, reference: Row["reference"], cookie?: string): Promise<Row> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  // Warm-up: the page's code loaded and its first render done before the clock starts.
  const first = await fetch(`${base}${path}`, { headers, redirect: "manual" });
  const html = await first.text();
  if (first.status !== 200) throw new Error(`${path} : HTTP ${first.status} (attendu 200)`);
  await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, amount: CONNECTIONS * 2, headers });
  const result = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: seconds, headers });
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

function print(title: string, rows: Row[], references: Partial<Record<"anonyme" | "parent" | "accueil", number>>) {
  console.log(`\n${title} — ${seconds} s par page, ${CONNECTIONS} connexions, ${new Date().toISOString()}`);
  console.table(
    rows.map((r) => {
      const ref = r.reference ? references[r.reference] : undefined;
      return {
        page: r.page,
        "req/s": r.rps,
        "p50 (ms)": r.p50,
        "p99 (ms)": r.p99,
        "HTML (ko)": r.kB,
        "2xx": r.ok,
        "non-2xx": r.bad,
        "/ référence": ref ? `${Math.round((100 * r.rps) / ref)} %` : "—",
      };
    }),
  );
}

async function main() {
  const parent = await sessionCookie("claire.martin@exemple.fr");
  const staff = await sessionCookie("accueil@les-tilleuls.example");
  const rows: Row[] = [];
  const anonymous = await measure("/acces-refuse (anonyme)", "/acces-refuse", null);
  const parentRef = await measure("/acces-refuse (parent) = référence parent", "/acces-refuse", "anonyme", parent);
  const staffRef = await measure("/acces-refuse (accueil) = référence accueil", "/acces-refuse", "anonyme", staff);
  rows.push(anonymous, parentRef, staffRef);
  if (process.env.BENCH_ONLY === "layout") return print("La mise en page", rows, { anonyme: anonymous.rps });
  if (process.env.BENCH_ONLY !== "reservations") {
    for (const [label, path] of [
      ["/tableau-de-bord", "/tableau-de-bord"],
      ["/ma-famille", "/ma-famille"],
      ["/mes-inscriptions", "/mes-inscriptions"],
      ["/mes-factures", "/mes-factures"],
      ["/mes-envois", "/mes-envois"],
      ["/mes-messages", "/mes-messages"],
    ] as const) {
      rows.push(await measure(`${label} (parent)`, path, "parent", parent));
    }
  }
  if (process.env.DATABASE_URL) {
    const family = await benchFamily();
    const cookie = await sessionCookie(family.email);
    rows.push(
      await measure(
        `/mes-reservations?inscription=… (calendrier du mois, ${family.bookings} réservations)`,
        `/mes-reservations?inscription=${family.inscriptionId}`,
        "parent",
        cookie,
      ),
      await measure("/mes-reservations (vue famille, 3 enfants)", "/mes-reservations", "parent", cookie),
    );
  } else {
    console.log("Mes réservations : lancez « npm run db -- npx tsx bench/pages.ts » pour les mesurer (il crée leur famille).");
  }
  if (process.env.BENCH_ONLY !== "reservations") {
    for (const [label, path] of [
      ["/admin (console)", "/admin"],
      ["/admin/inscriptions", "/admin/inscriptions"],
      ["/admin/pointage", "/admin/pointage"],
      ["/admin/occupation", "/admin/occupation"],
    ] as const) {
      rows.push(await measure(`${label} (accueil)`, path, "accueil", staff));
    }
  }
  // The references again at the end: how much the machine drifted during the run.
  const parentAgain = await measure("/acces-refuse (parent), en fin de passage", "/acces-refuse", "anonyme", parent);
  const anonymousAgain = await measure("/acces-refuse (anonyme), en fin de passage", "/acces-refuse", null);
  rows.push(parentAgain, anonymousAgain);
  print("Pages à 20 connexions (référence : /acces-refuse connecté du même rôle, moyenne début et fin pour le parent)", rows, {
    anonyme: (anonymous.rps + anonymousAgain.rps) / 2,
    parent: (parentRef.rps + parentAgain.rps) / 2,
    accueil: staffRef.rps,
  });
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
