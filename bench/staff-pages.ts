/**
 * `npm run db -- npx tsx bench/staff-pages.ts [http://localhost:3000] [seconds]` — the staff pages at opening-day
 * volume (issue 25): 1,000 requests waiting (réservations DR and en attente, DA, inscriptions, account requests,
 * demandes de modification) and a day of 150 children booked in one unit for the pointage, created once in the
 * demo database (found again on the next run: « Famille Guichet0 »). Then, in the same run, at 20 connections:
 * the signed-in `/acces-refuse` of the staff member (the reference: the layout only), the console and each queue
 * it links to, the pointage of that day and the occupation of its month — req/s, p99, HTML size and the ratio
 * to the reference measured just before it. Loopback only. Not a test. Goal: each ≥ 50 % of the reference, HTML ≤ 200 kB.
 */
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { createBookableWorld } from "../prisma/factories";
import { loopbackBase, sessionCookie } from "./lib";

const base = loopbackBase(process.argv[2]);
const seconds = Number(process.argv[3] ?? 10);
const CONNECTIONS = 20;
const CHILDREN = 150;
const PREFIX = "Guichet";

const iso = (d: Date) => d.toISOString().slice(0, 10);
const date = (day: string) => new Date(`${day}T00:00:00Z`);

/** The volume, made once with createMany (the bench's families are « Famille Guichet<n> »). */
async function volume(db: PrismaClient) {
  const existing = await db.inscription.findFirst({
    where: { family: { name: `Famille ${PREFIX}0` } },
    select: { activityId: true, activity: { select: { timeUnits: { orderBy: { sortOrder: "asc" }, select: { id: true } } } } },
  });
  const today = iso(new Date());
  if (existing) {
    const day = await pointageDay(db, existing.activityId, today);
    return { activityId: existing.activityId, unitId: existing.activity.timeUnits[0]!.id, day, created: false };
  }
  const start = iso(new Date(Date.now() - 14 * 86_400_000));
  const end = iso(new Date(Date.now() + 70 * 86_400_000));
  const world = await createBookableWorld(db, {
    start,
    end,
    weekdays: [1, 2, 3, 4, 5],
    units: [
      { name: "Matin", start: "08:30", end: "12:00", capacity: 200 },
      { name: "Après-midi", start: "13:30", end: "17:30", capacity: 200 },
    ],
  });
  const day = world.openingDays.filter((d) => d <= today).at(-1)!;
  const ahead = world.openingDays.filter((d) => d > iso(new Date(Date.now() + 3 * 86_400_000)));
  const families = Array.from({ length: CHILDREN + 100 }, (_, n) => ({
    n,
    family: randomUUID(),
    child: randomUUID(),
    inscription: randomUUID(),
  }));
  await db.family.createMany({
    data: families.map((f) => ({
      id: f.family,
      name: `Famille ${PREFIX}${f.n}`,
      street: "1 rue des Tilleuls",
      postalCode: "59000",
      city: "Lille",
    })),
  });
  await db.adult.createMany({
    data: families.map((f) => ({
      familyId: f.family,
      civility: "MME" as const,
      lastName: `${PREFIX}${f.n}`,
      firstName: "Camille",
      birthDate: date("1988-04-12"),
      mobilePhone: "06 12 34 56 78",
      email: `guichet${f.n}-${randomUUID().slice(0, 6)}@exemple.fr`,
      isLegalGuardian: true,
    })),
  });
  await db.child.createMany({
    data: families.map((f) => ({
      id: f.child,
      familyId: f.family,
      lastName: `${PREFIX}${f.n}`,
      firstName: ["Alix", "Basile", "Chloé", "Daniel", "Émile"][f.n % 5]!,
      birthDate: date("2018-03-01"),
      sex: "F" as const,
      hasAllergies: f.n % 7 === 0,
      allergyNotes: f.n % 7 === 0 ? "arachides" : null,
      photoConsent: f.n % 3 !== 0,
    })),
  });
  // 150 validated inscriptions (the pointage and the réservation requests), 100 waiting for a decision.
  await db.inscription.createMany({
    data: families.map((f) => ({
      id: f.inscription,
      familyId: f.family,
      childId: f.child,
      activityId: world.activity.id,
      periodId: world.period.id,
      ageGroupId: world.ageGroup.id,
      status: f.n < CHILDREN ? ("VALIDATED" as const) : ("PENDING" as const),
      startDate: world.period.startDate,
      endDate: world.period.endDate,
    })),
  });
  const [morning, afternoon] = world.units;
  const booked = families.slice(0, CHILDREN);
  await db.reservation.createMany({
    data: [
      // The pointage: every child booked on the day's morning.
      ...booked.map((f) => ({ inscriptionId: f.inscription, timeUnitId: morning!.id, date: date(day), status: "RESERVED" as const })),
      // 600 DR and 100 waiting requests on afternoons ahead, 100 DA on mornings ahead.
      ...booked.flatMap((f) =>
        ahead.slice(0, 4).map((d, i) => ({
          inscriptionId: f.inscription,
          timeUnitId: afternoon!.id,
          date: date(d),
          status: "REQUESTED" as const,
          createdAt: new Date(Date.now() - (4 - i) * 60_000 - f.n * 1000),
        })),
      ),
      ...booked.slice(0, 100).map((f) => ({
        inscriptionId: f.inscription,
        timeUnitId: afternoon!.id,
        date: date(ahead[4]!),
        status: "WAITLISTED" as const,
        waitlistRank: f.n + 1,
      })),
      ...booked.slice(0, 100).map((f) => ({
        inscriptionId: f.inscription,
        timeUnitId: morning!.id,
        date: date(ahead[5]!),
        status: "CANCELLATION_REQUESTED" as const,
        decidedAt: new Date(),
      })),
    ],
  });
  // 50 account requests and 50 demandes de modification (address).
  await db.accountRequest.createMany({
    data: Array.from({ length: 50 }, (_, n) => ({
      civility: "M" as const,
      lastName: `${PREFIX}Compte${n}`,
      firstName: "Paul",
      birthDate: date("1985-01-01"),
      mobilePhone: "06 00 00 00 00",
      email: `guichet-compte${n}-${randomUUID().slice(0, 6)}@exemple.fr`,
      street: "2 rue des Lilas",
      postalCode: "59000",
      city: "Lille",
      passwordHash: "x",
    })),
  });
  await db.changeRequest.createMany({
    data: families.slice(0, 50).map((f) => ({
      familyId: f.family,
      kind: "ADDRESS" as const,
      targetId: f.family,
      before: { street: "1 rue des Tilleuls", addressComplement: null, postalCode: "59000", city: "Lille" },
      after: { street: "3 place du Marché", addressComplement: null, postalCode: "59000", city: "Lille" },
    })),
  });
  return { activityId: world.activity.id, unitId: morning!.id, day, created: true };
}

async function pointageDay(db: PrismaClient, activityId: string, today: string) {
  const days = await db.reservation.groupBy({
    by: ["date"],
    where: { inscription: { activityId }, status: "RESERVED", date: { lte: date(today) } },
    _count: { _all: true },
    orderBy: { date: "desc" },
  });
  return iso(days.find((d) => d._count._all >= CHILDREN)?.date ?? date(today));
}

async function measure(label: string, path: string, cookie: string) {
  const page = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  const html = await page.text();
  const result = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: seconds, headers: { cookie } });
  return {
    page: label,
    "req/s": Math.round(result.requests.average * 10) / 10,
    "p99 (ms)": result.latency.p99,
    "HTML (kB)": Math.round(Buffer.byteLength(html) / 1024),
    "non-2xx": result.non2xx + result.errors + (page.status === 200 ? 0 : 1),
  };
}

async function main() {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
  const world = await volume(db);
  const waiting = {
    reservations: await db.reservation.count({ where: { status: { in: ["REQUESTED", "WAITLISTED", "CANCELLATION_REQUESTED"] } } }),
    inscriptions: await db.inscription.count({ where: { status: { in: ["PENDING", "WAITLISTED"] } } }),
    accounts: await db.accountRequest.count({ where: { status: "PENDING" } }),
    changes: await db.changeRequest.count({ where: { status: "PENDING" } }),
  };
  await db.$disconnect();
  const cookie = await sessionCookie(base, "accueil@les-tilleuls.example");
  const only = process.env.BENCH_ONLY?.split(",");
  const pages: [string, string][] = [
    ["/acces-refuse (accueil, référence)", "/acces-refuse"],
    ["/admin (console)", "/admin"],
    ["/admin/reservations", "/admin/reservations"],
    ["/admin/inscriptions", "/admin/inscriptions"],
    ["/admin/demandes-de-compte", "/admin/demandes-de-compte"],
    ["/admin/demandes-de-modification", "/admin/demandes-de-modification"],
    [`/admin/pointage (${CHILDREN} enfants)`, `/admin/pointage?activite=${world.activityId}&unite=${world.unitId}&jour=${world.day}`],
    ["/admin/occupation (le mois)", `/admin/occupation?activite=${world.activityId}&mois=${world.day.slice(0, 7)}`],
  ];
  // Each page right after its own measure of the reference (the machine is shared: its speed drifts during a run).
  const rows = [];
  const [reference, ...others] = pages;
  for (const [label, path] of others) {
    if (only && !only.some((o) => label.includes(o))) continue;
    const ref = await measure(reference![0], reference![1], cookie);
    const row = await measure(label, path, cookie);
    rows.push({ ...ref, "débit / référence": "100 %" });
    rows.push({ ...row, "débit / référence": ref["req/s"] ? `${Math.round((100 * row["req/s"]) / ref["req/s"])} %` : "—" });
  }
  console.log(
    `\nPages de l'accueil, ${seconds} s par page, ${CONNECTIONS} connexions, ${new Date().toISOString()} — en attente : ` +
      `${waiting.reservations} réservations (DR, attente, DA), ${waiting.inscriptions} inscriptions, ${waiting.accounts} comptes, ` +
      `${waiting.changes} modifications ; pointage du ${world.day}${world.created ? " (volume créé)" : ""}. ` +
      "Chaque page est rapportée à la référence mesurée juste avant elle.",
  );
  console.table(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
