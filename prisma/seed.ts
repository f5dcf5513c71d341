/**
 * The demo world: one structure with its activities for the current school
 * year, a staff and an admin account, three families, a separated couple (two
 * foyers sharing a child, garde alternée) and one account request waiting for
 * validation. Runs once, on an empty database, in ONE transaction:
 * interrupted at any point, it leaves nothing behind and the next start loads
 * it whole (`npm run db:reset` starts over from an empty base).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import {
  createDemoStructure,
  createFamily,
  createSeparatedParents,
  createStaffUser,
  DEMO_PASSWORD,
  hashedPassword,
  holidaysOf,
  schoolYearOf,
} from "./factories";

export const DEMO_LOGINS = [
  { role: "Parent (famille Martin)", email: "claire.martin@exemple.fr" },
  { role: "Parent (famille Benali)", email: "karim.benali@exemple.fr" },
  { role: "Parent (famille Dubois)", email: "sophie.dubois@exemple.fr" },
  { role: "Parent séparé (foyer Roux)", email: "elise.roux@exemple.fr" },
  { role: "Parent séparé (foyer Garnier)", email: "thomas.garnier@exemple.fr" },
  { role: "Agent d'accueil", email: "accueil@les-tilleuls.example" },
  { role: "Administrateur", email: "admin@les-tilleuls.example" },
];

async function main() {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
  try {
    const loaded = await client.$transaction(
      async (tx) => {
        // Two starts at once: the second waits here, then finds the data.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('demo-seed'))`;
        if ((await tx.structure.count()) > 0 || (await tx.user.count()) > 0) return false;
        // The factories take a client; inside the transaction they use the transaction's (same API).
        await loadDemo(tx as unknown as PrismaClient);
        return true;
      },
      { timeout: 300_000, maxWait: 60_000 },
    );
    console.log(loaded ? "[seed] Données de démonstration chargées." : "[seed] Données de démonstration déjà présentes.");
  } finally {
    await client.$disconnect();
  }
}

async function loadDemo(db: PrismaClient) {
  {
    const today = new Date();
    await createDemoStructure(db, today);
    await db.portalSettings.create({
      data: {
        name: "Centre social Les Tilleuls",
        primaryColor: "#17599e",
        address: "12 rue des Tilleuls, 59000 Lille",
        phone: "03 20 00 12 34",
        email: "accueil@les-tilleuls.example",
        openingHours: "Du lundi au vendredi, de 9 h à 12 h 30 et de 13 h 30 à 17 h ; le mercredi jusqu'à 18 h 30.",
      },
    });
    await createStaffUser(db, { email: "accueil@les-tilleuls.example", role: "STAFF", displayName: "Nadia (accueil)" });
    await createStaffUser(db, { email: "admin@les-tilleuls.example", role: "ADMIN", displayName: "Administrateur" });
    const martin = await createFamily(db, {
      lastName: "Martin",
      firstName: "Claire",
      email: "claire.martin@exemple.fr",
      quotientFamilial: 720,
      children: [
        { firstName: "Léo", birthDate: "2022-03-14", sex: "M", school: "École maternelle Anatole France", schoolClass: "MS" },
        {
          firstName: "Inès",
          birthDate: "2018-06-02",
          sex: "F",
          school: "École Jules Simon",
          schoolClass: "CE2",
          hasAllergies: true,
          allergyNotes: "Arachide",
        },
      ],
    });
    const benali = await createFamily(db, {
      lastName: "Benali",
      firstName: "Karim",
      civility: "M",
      email: "karim.benali@exemple.fr",
      quotientFamilial: 430,
      children: [
        { firstName: "Yasmine", birthDate: "2020-01-20", sex: "F", school: "École Jules Simon", schoolClass: "CP" },
        { firstName: "Adam", birthDate: "2016-09-09", sex: "M", school: "École Jules Simon", schoolClass: "CM2" },
      ],
    });
    await createFamily(db, {
      lastName: "Dubois",
      firstName: "Sophie",
      email: "sophie.dubois@exemple.fr",
      quotientFamilial: 1350,
      children: [
        { firstName: "Lucas", birthDate: "2024-05-01", sex: "M" },
        { firstName: "Emma", birthDate: "2014-02-11", sex: "F", school: "Collège Carnot", schoolClass: "5e" },
      ],
    });
    // A few inscriptions, so that « Mes inscriptions » shows V and ? from the start.
    const activity = (kind: "ALSH_MERCREDIS" | "PERISCOLAIRE" | "RESTAURATION_SCOLAIRE") =>
      db.activity.findFirstOrThrow({ where: { careType: { kind } }, include: { periods: true, ageGroups: true } });
    const enrol = async (
      family: Awaited<ReturnType<typeof createFamily>>,
      childName: string,
      kind: "ALSH_MERCREDIS" | "PERISCOLAIRE" | "RESTAURATION_SCOLAIRE",
      group: string,
      status: "VALIDATED" | "PENDING",
    ) => {
      const a = await activity(kind);
      const child = family.children.find((c) => c.firstName === childName)!;
      const period = a.periods[0];
      await db.inscription.create({
        data: {
          familyId: family.family.id,
          childId: child.id,
          activityId: a.id,
          periodId: period.id,
          ageGroupId: a.ageGroups.find((g) => g.name === group)?.id ?? null,
          status,
          startDate: period.startDate,
          endDate: period.endDate,
          decidedAt: status === "VALIDATED" ? new Date() : null,
        },
      });
    };
    await enrol(martin, "Léo", "ALSH_MERCREDIS", "Maternelle", "VALIDATED");
    await enrol(martin, "Inès", "PERISCOLAIRE", "Élémentaire +6 ans", "PENDING");
    await enrol(martin, "Inès", "ALSH_MERCREDIS", "Élémentaire +6 ans", "VALIDATED");
    await enrol(benali, "Yasmine", "RESTAURATION_SCOLAIRE", "Élémentaire +6 ans", "VALIDATED");
    // A few bookings, so that the calendar, the console, the occupancy grid and the pointage show something:
    // Léo on the last three Wednesdays (last month's can be billed in « Facturation ») and the next ones, Inès on the
    // last one (to point), one DR and one DA waiting for the desk.
    const mercredis = await activity("ALSH_MERCREDIS");
    const openings = (
      await db.openingDay.findMany({ where: { periodId: mercredis.periods[0]!.id }, orderBy: { date: "asc" }, select: { date: true } })
    ).map((o) => o.date);
    const todayUtc = new Date(`${today.toISOString().slice(0, 10)}T00:00:00Z`);
    const pastThree = openings.filter((d) => d <= todayUtc).slice(-3);
    const past = pastThree.slice(-1);
    const next = openings.filter((d) => d > todayUtc).slice(0, 3);
    const unitId = async (name: string) => (await db.timeUnit.findFirstOrThrow({ where: { activityId: mercredis.id, name } })).id;
    const [matin, journee] = [await unitId("Matin avec repas"), await unitId("Journée complète")];
    const inscriptionOf = async (family: Awaited<ReturnType<typeof createFamily>>, childName: string) =>
      db.inscription.findFirstOrThrow({
        where: { activityId: mercredis.id, childId: family.children.find((c) => c.firstName === childName)!.id },
      });
    const [leo, ines] = [await inscriptionOf(martin, "Léo"), await inscriptionOf(martin, "Inès")];
    const book = (inscriptionId: string, timeUnitId: string, date: Date, status: "RESERVED" | "REQUESTED" | "CANCELLATION_REQUESTED") =>
      db.reservation.create({ data: { inscriptionId, timeUnitId, date, status, decidedAt: status === "REQUESTED" ? null : new Date() } });
    for (const date of [...pastThree, ...next]) await book(leo.id, matin, date, "RESERVED");
    for (const date of past) await book(ines.id, journee, date, "RESERVED");
    if (next[0]) await book(ines.id, journee, next[0], "REQUESTED");
    if (next[2]) await book(ines.id, journee, next[2], "CANCELLATION_REQUESTED");
    // Tariffs beyond the quotient (ADR 055), for the demo: the Wednesdays' « tarif hors commune » (1,50 € more per
    // bracket; the demo families are résident: the lieu lists no commune and their file says résident) and, from next
    // school year, a fratrie rule (10 % off the 2nd child, 20 % the 3rd and next, children booked the same day) — this
    // year's demo prices stay as they were.
    for (const t of await db.tariff.findMany({ where: { timeUnit: { activityId: mercredis.id } } }))
      await db.tariff.update({ where: { id: t.id }, data: { nonResidentPriceCents: t.priceCents + 150 } });
    await db.tariffRule.create({
      data: {
        activityId: mercredis.id,
        validFrom: new Date(`${schoolYearOf(today).startYear + 1}-09-01T00:00:00Z`),
        siblingSecondPercent: 10,
        siblingThirdPercent: 20,
        siblingScope: "DAY",
      },
    });
    // Next school year's Wednesdays, open for inscriptions: the families whose children go on Wednesdays this year see
    // « Réinscrire pour 2027/2028 » on their dashboard (issue 26, ADR 052).
    {
      const { startYear } = schoolYearOf(today);
      const next = startYear + 1;
      const closed = new Set(
        holidaysOf(next).flatMap((h) => {
          const days: string[] = [];
          for (let d = new Date(`${h.start}T00:00:00Z`); d <= new Date(`${h.end}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000))
            days.push(d.toISOString().slice(0, 10));
          return days;
        }),
      );
      const period = await db.period.create({
        data: {
          activityId: mercredis.id,
          name: `Mercredis ${next}/${next + 1}`,
          startDate: new Date(`${next}-09-01T00:00:00Z`),
          endDate: new Date(`${next + 1}-07-02T00:00:00Z`),
        },
      });
      const wednesdays: Date[] = [];
      for (let d = period.startDate; d <= period.endDate; d = new Date(d.getTime() + 86_400_000))
        if (d.getUTCDay() === 3 && !closed.has(d.toISOString().slice(0, 10))) wednesdays.push(d);
      await db.openingDay.createMany({ data: wednesdays.map((date) => ({ periodId: period.id, date })) });
    }
    // The documents the structure asks families for (Mes envois, « À faire »).
    await db.documentType.createMany({
      data: [
        { name: "Attestation CAF", scope: "FAMILY", required: true, validity: "CALENDAR_YEAR", sortOrder: 1 },
        { name: "Justificatif de domicile", scope: "FAMILY", required: false, validity: "ONE_YEAR", sortOrder: 2 },
        { name: "Carnet de vaccination", scope: "CHILD", required: true, validity: "NONE", sortOrder: 3 },
        { name: "Certificat médical", scope: "CHILD", required: false, validity: "NONE", sortOrder: 4 },
      ],
    });
    await seedSeparatedParents(db);
    await seedDirectDebit(db, benali.family.id);
    await db.accountRequest.create({
      data: {
        civility: "MME",
        lastName: "Lefebvre",
        firstName: "Julie",
        birthDate: new Date("1990-10-05T00:00:00Z"),
        mobilePhone: "07 11 22 33 44",
        email: "julie.lefebvre@exemple.fr",
        street: "8 rue Nationale",
        postalCode: "59000",
        city: "Lille",
        passwordHash: await hashedPassword(DEMO_PASSWORD),
      },
    });
  }
}

/**
 * Prélèvement SEPA (ADR 053): the demo lieu is a creditor (a fictitious ICS and the textbook example IBAN), and the
 * Benali family signed a mandate last month — its invoices from this month on are debited (« Prélèvements SEPA »).
 */
async function seedDirectDebit(db: PrismaClient, familyId: string) {
  const lieu = await db.structure.findFirstOrThrow({ where: { activities: { some: {} } }, orderBy: { createdAt: "asc" } });
  await db.structure.update({
    where: { id: lieu.id },
    data: {
      sepaCreditorId: "FR72ZZZ123456",
      sepaCreditorName: lieu.name,
      sepaCreditorIban: "FR7630006000011234567890189",
      sepaCreditorBic: "AGRIFRPPXXX",
      sepaRejectionFeeCents: 500,
    },
  });
  const now = new Date();
  const signedAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10));
  await db.sepaMandate.create({
    data: {
      familyId,
      structureId: lieu.id,
      // « PF-<initials of the lieu>-<n> », as lib/billing/sepa/mandates.ts numbers them (the next one is 000002).
      rum: "PF-CSLT-000001",
      holderName: "Karim Benali",
      iban: "FR1420041010050500013M02606",
      bic: "PSSTFRPPLIL",
      signedAt,
      signedPlace: "Lille",
      signedOnline: true,
      firstMonth: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
      activeKey: `${familyId}|${lieu.id}`,
    },
  });
}

/**
 * Garde alternée (issue 26, ADR 051): Élise Roux and Thomas Garnier, separated, each with a login, an address and a
 * quotient of their own; their daughter Jade is on file in the Roux foyer and linked to the Garnier foyer, alternate
 * weeks (the Roux foyer the even ones), inscribed to the Wednesdays by her mother. Kept apart from the other demo data
 * (the custody calendar's own demo, if any, is added next to it).
 */
async function seedSeparatedParents(db: PrismaClient) {
  const { first, child } = await createSeparatedParents(db, {
    first: { lastName: "Roux", firstName: "Élise", email: "elise.roux@exemple.fr", quotientFamilial: 910 },
    second: { lastName: "Garnier", firstName: "Thomas", civility: "M", email: "thomas.garnier@exemple.fr", quotientFamilial: 380 },
    child: { firstName: "Jade", birthDate: "2017-10-12", sex: "F", school: "École Jules Simon", schoolClass: "CM1" },
    custody: "ALTERNATE_WEEKS",
  });
  await db.family.update({ where: { id: first.family.id }, data: { street: "3 allée des Peupliers", city: "Lille", postalCode: "59000" } });
  await db.child.update({ where: { id: child.id }, data: { lastName: "Roux-Garnier" } });
  const mercredis = await db.activity.findFirstOrThrow({
    where: { careType: { kind: "ALSH_MERCREDIS" } },
    include: { periods: true, ageGroups: true },
  });
  const period = mercredis.periods[0]!;
  await db.inscription.create({
    data: {
      familyId: first.family.id,
      childId: child.id,
      activityId: mercredis.id,
      periodId: period.id,
      ageGroupId: mercredis.ageGroups.find((g) => g.name === "Élémentaire +6 ans")?.id ?? null,
      status: "VALIDATED",
      startDate: period.startDate,
      endDate: period.endDate,
      decidedAt: new Date(),
    },
  });
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
