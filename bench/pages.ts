/**
 * `npx tsx bench/pages.ts [baseUrl] [seconds]` — throughput and latency of the
 * main pages of a running app (`npm start`, demo data), anonymous and signed in
 * as the demo parent and the demo staff member. Loopback only. Not a test:
 * figures depend on the machine; compare runs made on the same one.
 *
 * Run through `npm run db -- npx tsx bench/pages.ts` (DATABASE_URL set) and it also measures « Mes
 * réservations » at 20 connections: the month calendar of one inscription and the family view of a
 * family of 3 children with a month of bookings each, against a near-trivial signed-in page of the
 * same app, `/acces-refuse` (the layout only), measured in the same run; each is reported as a ratio.
 */
import autocannon from "autocannon";
import { loopbackBase, sessionCookie as signIn } from "./lib";

const base = loopbackBase(process.argv[2]);
const seconds = Number(process.argv[3] ?? 10);
const sessionCookie = (email: string) => signIn(base, email);

async function measure(label: string, path: string, cookie?: string, connections = 10) {
  const result = await autocannon({
    url: `${base}${path}`,
    connections,
    duration: seconds,
    headers: cookie ? { cookie } : {},
  });
  const ok = result["2xx"];
  return {
    page: label,
    "req/s (moy.)": Math.round(result.requests.average),
    "latence p50 (ms)": result.latency.p50,
    "latence p99 (ms)": result.latency.p99,
    "2xx": ok,
    "non-2xx": result.non2xx + result.errors,
  };
}

async function main() {
  // BENCH_ONLY=reservations: only « Mes réservations » and its reference.
  if (process.env.BENCH_ONLY === "reservations") return reservationPages();
  const parent = await sessionCookie("claire.martin@exemple.fr");
  const staff = await sessionCookie("accueil@les-tilleuls.example");
  const rows = [];
  rows.push(await measure("/connexion (anonyme)", "/connexion"));
  rows.push(await measure("/tableau-de-bord (parent)", "/tableau-de-bord", parent));
  rows.push(await measure("/ma-famille (parent)", "/ma-famille", parent));
  rows.push(await measure("/mes-inscriptions (parent)", "/mes-inscriptions", parent));
  rows.push(await measure("/admin (accueil)", "/admin", staff));
  rows.push(await measure("/admin/inscriptions (accueil)", "/admin/inscriptions", staff));
  console.log(`\n${seconds} s par page, 10 connexions, ${new Date().toISOString()}`);
  console.table(rows);
  if (process.env.DATABASE_URL) await reservationPages();
  else console.log("Mes réservations : lancez « npm run db -- npx tsx bench/pages.ts » pour les mesurer (il crée leur famille).");
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

async function reservationPages() {
  const family = await benchFamily();
  const cookie = await sessionCookie(family.email);
  const rows = [
    await measure("/acces-refuse (parent, référence)", "/acces-refuse", cookie, 20),
    await measure(
      "/mes-reservations?inscription=… (calendrier du mois)",
      `/mes-reservations?inscription=${family.inscriptionId}`,
      cookie,
      20,
    ),
    await measure("/mes-reservations (vue famille, 3 enfants)", "/mes-reservations", cookie, 20),
  ];
  const reference = rows[0]!["req/s (moy.)"];
  console.log(
    `\nMes réservations : ${seconds} s par page, 20 connexions, ${family.bookings} réservations par enfant ce mois-ci, ${new Date().toISOString()}`,
  );
  console.table(
    rows.map((r) => ({ ...r, "débit / référence": reference ? `${Math.round((100 * r["req/s (moy.)"]) / reference)} %` : "—" })),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
