/**
 * Builders of a known world, shared by the demo seed (prisma/seed.ts) and the
 * tests. They take the Prisma client as an argument and never read the clock
 * implicitly where a test would need a fixed date.
 */
import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "../lib/generated/prisma/client";
import type { CareKind, CalendarExceptionKind, Role, Sex } from "../lib/generated/prisma/enums";

import { PUBLIC_DEMO_PASSWORD } from "../lib/accounts/demo-password";

export const DEMO_PASSWORD = PUBLIC_DEMO_PASSWORD;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

let passwordHashCache: Map<string, Promise<string>> | undefined;
/** Hashing is slow on purpose; tests create many users with the same password. */
export function hashedPassword(password: string): Promise<string> {
  passwordHashCache ??= new Map();
  let value = passwordHashCache.get(password);
  if (!value) {
    value = hash(password);
    passwordHashCache.set(password, value);
  }
  return value;
}

export function uniqueEmail(prefix = "famille"): string {
  return `${prefix}.${randomUUID().slice(0, 8)}@exemple.fr`;
}

export async function createStaffUser(
  db: PrismaClient,
  input: { email?: string; role?: Extract<Role, "STAFF" | "ADMIN">; displayName?: string; password?: string } = {},
) {
  return db.user.create({
    data: {
      email: input.email ?? uniqueEmail("agent"),
      passwordHash: await hashedPassword(input.password ?? DEMO_PASSWORD),
      role: input.role ?? "STAFF",
      displayName: input.displayName ?? "Agent d'accueil",
    },
  });
}

export interface ChildInput {
  firstName: string;
  birthDate: string;
  sex: Sex;
  school?: string;
  schoolClass?: string;
  hasAllergies?: boolean;
  allergyNotes?: string;
}

/** A validated family with its first responsable légal (who can sign in) and children. */
export async function createFamily(
  db: PrismaClient,
  input: {
    lastName?: string;
    firstName?: string;
    civility?: "M" | "MME";
    email?: string;
    password?: string;
    quotientFamilial?: number | null;
    children?: ChildInput[];
  } = {},
) {
  const lastName = input.lastName ?? "Testeur";
  const firstName = input.firstName ?? "Camille";
  const email = input.email ?? uniqueEmail();
  const family = await db.family.create({
    data: {
      name: `Famille ${lastName.toUpperCase()}`,
      street: "12 rue des Tilleuls",
      postalCode: "59000",
      city: "Lille",
      quotientFamilial: input.quotientFamilial === undefined ? 650 : input.quotientFamilial,
      adults: {
        create: {
          civility: input.civility ?? "MME",
          lastName,
          firstName,
          birthDate: day("1988-04-12"),
          mobilePhone: "06 12 34 56 78",
          email,
        },
      },
      children: {
        create: (input.children ?? []).map((child) => ({
          firstName: child.firstName,
          lastName,
          birthDate: day(child.birthDate),
          sex: child.sex,
          school: child.school ?? null,
          schoolClass: child.schoolClass ?? null,
          hasAllergies: child.hasAllergies ?? false,
          allergyNotes: child.allergyNotes ?? null,
        })),
      },
    },
    include: { adults: true, children: true },
  });
  const user = await db.user.create({
    data: {
      email,
      passwordHash: await hashedPassword(input.password ?? DEMO_PASSWORD),
      role: "PARENT",
      displayName: `${firstName} ${lastName}`,
      familyId: family.id,
      adultId: family.adults[0].id,
    },
  });
  return { family, user, adult: family.adults[0], children: family.children };
}

/**
 * Separated parents (garde alternée, ADR 051): two families, each with its own login, address and quotient, and a
 * child of the first foyer linked to the second (a ChildFoyer row, as staff's link writes it), with — unless
 * `custody` is null — a calendar of alternate weeks (the first foyer the even ISO weeks).
 */
export async function createSeparatedParents(
  db: PrismaClient,
  input: {
    first: Parameters<typeof createFamily>[1];
    second: Parameters<typeof createFamily>[1];
    child: ChildInput;
    custody?: "ALTERNATE_WEEKS" | null;
  },
) {
  const first = await createFamily(db, { ...input.first, children: [input.child] });
  const second = await createFamily(db, { ...input.second, children: [] });
  const child = first.children[0]!;
  await db.childFoyer.create({ data: { childId: child.id, familyId: second.family.id } });
  if (input.custody !== null) {
    await db.custodyPlan.create({
      data: { childId: child.id, kind: "ALTERNATE_WEEKS", evenWeeksFamilyId: first.family.id, defaultFamilyId: first.family.id },
    });
  }
  return { first, second, child };
}

/** The French school year that contains `today` (1 September → early July). */
export function schoolYearOf(today: Date): { startYear: number; label: string } {
  const startYear = today.getUTCMonth() >= 7 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  return { startYear, label: `${startYear}/${startYear + 1}` };
}

interface HolidaySpec {
  kind: CalendarExceptionKind;
  label: string;
  start: string;
  end: string;
}

/**
 * School holidays (zone B) and public holidays of a school year. Given for
 * 2026/2027; other years reuse the same shape shifted by whole years, which is
 * close enough for demo data.
 */
export function holidaysOf(startYear: number): HolidaySpec[] {
  const shift = startYear - 2026;
  const y = (d: string) => `${Number(d.slice(0, 4)) + shift}${d.slice(4)}`;
  return [
    { kind: "VACANCES_SCOLAIRES", label: "Vacances de la Toussaint", start: y("2026-10-17"), end: y("2026-11-01") },
    { kind: "JOUR_FERIE", label: "Armistice", start: y("2026-11-11"), end: y("2026-11-11") },
    { kind: "VACANCES_SCOLAIRES", label: "Vacances de Noël", start: y("2026-12-19"), end: y("2027-01-03") },
    { kind: "VACANCES_SCOLAIRES", label: "Vacances d'hiver", start: y("2027-02-20"), end: y("2027-03-07") },
    { kind: "JOUR_FERIE", label: "Lundi de Pâques", start: y("2027-03-29"), end: y("2027-03-29") },
    { kind: "VACANCES_SCOLAIRES", label: "Vacances de printemps", start: y("2027-04-17"), end: y("2027-05-02") },
    { kind: "JOUR_FERIE", label: "Victoire 1945", start: y("2027-05-08"), end: y("2027-05-08") },
    { kind: "JOUR_FERIE", label: "Ascension", start: y("2027-05-06"), end: y("2027-05-07") },
    { kind: "JOUR_FERIE", label: "Lundi de Pentecôte", start: y("2027-05-17"), end: y("2027-05-17") },
    { kind: "VACANCES_SCOLAIRES", label: "Vacances d'été", start: y("2027-07-03"), end: y("2027-08-31") },
  ];
}

function eachDay(start: string, end: string): Date[] {
  const days: Date[] = [];
  for (let d = day(start); d <= day(end); d = new Date(d.getTime() + 86_400_000)) days.push(d);
  return days;
}

interface UnitSpec {
  name: string;
  start: string;
  end: string;
  capacity: number;
  /** Prices in cents for QF brackets 0–500, 501–800, 801–1200, 1201+. */
  prices: [number, number, number, number];
}

const QF_BRACKETS: [number, number | null][] = [
  [0, 500],
  [501, 800],
  [801, 1200],
  [1201, null],
];

/**
 * The demo structure: périscolaire matin/soir, restauration scolaire,
 * mercredis and holidays for the school year containing `today`.
 */
export async function createDemoStructure(db: PrismaClient, today: Date, name = "Centre social Les Tilleuls") {
  const { startYear, label } = schoolYearOf(today);
  const structure = await db.structure.create({
    data: {
      name,
      street: "3 place des Tilleuls",
      postalCode: "59000",
      city: "Lille",
      email: "accueil@les-tilleuls.example",
      phone: "03 20 00 00 00",
    },
  });
  const holidays = holidaysOf(startYear);
  await db.calendarException.createMany({
    data: holidays.map((h) => ({ structureId: structure.id, kind: h.kind, label: h.label, startDate: day(h.start), endDate: day(h.end) })),
  });
  const closed = new Set<string>();
  for (const h of holidays) for (const d of eachDay(h.start, h.end)) closed.add(iso(d));
  const schoolYearStart = `${startYear}-09-01`;
  const schoolYearEnd = `${startYear + 1}-07-02`;

  const careTypes = new Map<CareKind, string>();
  for (const [kind, careName] of [
    ["PERISCOLAIRE", "Périscolaire"],
    ["RESTAURATION_SCOLAIRE", "Restauration scolaire"],
    ["ALSH_MERCREDIS", "ALSH mercredis"],
    ["ALSH_VACANCES", "ALSH vacances"],
  ] as const) {
    const careType = await db.careType.create({ data: { structureId: structure.id, kind, name: careName } });
    careTypes.set(kind, careType.id);
  }

  async function activity(spec: {
    kind: CareKind;
    name: string;
    description: string;
    units: UnitSpec[];
    periods: { name: string; start: string; end: string; weekdays: number[]; inHolidays?: boolean }[];
    automatic?: boolean;
  }) {
    const created = await db.activity.create({
      data: {
        structureId: structure.id,
        careTypeId: careTypes.get(spec.kind)!,
        name: spec.name,
        description: spec.description,
        inscriptionValidation: "MANUAL",
        reservationValidation: spec.automatic ? "AUTOMATIC" : "MANUAL",
        bookingDeadline: spec.kind === "ALSH_MERCREDIS" ? "MERCREDI_PRECEDENT 23:59" : "J-2 10:00",
        cancellationDeadline: "J-2 10:00",
        inscriptionsOpenAt: new Date(`${startYear}-06-01T08:00:00+02:00`),
        // Meals are not frais de garde: the canteen is left off the attestation fiscale (ADR 056).
        taxCertificateEligible: spec.kind !== "RESTAURATION_SCOLAIRE",
        ageGroups: {
          create: [
            { name: "Maternelle", minAgeMonths: 30, maxAgeMonths: 71 },
            { name: "Élémentaire +6 ans", minAgeMonths: 72, maxAgeMonths: 155 },
          ],
        },
      },
    });
    for (const [index, unit] of spec.units.entries()) {
      await db.timeUnit.create({
        data: {
          activityId: created.id,
          name: unit.name,
          startTime: unit.start,
          endTime: unit.end,
          sortOrder: index,
          capacity: unit.capacity,
          tariffs: {
            create: QF_BRACKETS.map(([qfMin, qfMax], i) => ({ qfMin, qfMax, priceCents: unit.prices[i] })),
          },
        },
      });
    }
    for (const period of spec.periods) {
      const created2 = await db.period.create({
        data: { activityId: created.id, name: period.name, startDate: day(period.start), endDate: day(period.end) },
      });
      const open = eachDay(period.start, period.end).filter(
        (d) => period.weekdays.includes(d.getUTCDay()) && (period.inHolidays ? !isPublicHoliday(d) : !closed.has(iso(d))),
      );
      await db.openingDay.createMany({ data: open.map((date) => ({ periodId: created2.id, date })) });
    }
    return created;
  }

  const publicHolidays = new Set(holidays.filter((h) => h.kind === "JOUR_FERIE").flatMap((h) => eachDay(h.start, h.end).map(iso)));
  const isPublicHoliday = (d: Date) => publicHolidays.has(iso(d)) || iso(d).endsWith("-12-25") || iso(d).endsWith("-01-01");
  const schoolDays = [1, 2, 4, 5];
  const yearPeriod = { name: `Année scolaire ${label}`, start: schoolYearStart, end: schoolYearEnd };

  await activity({
    kind: "PERISCOLAIRE",
    name: "Périscolaire école Jules Simon",
    description: "Accueil avant et après la classe, les jours d'école.",
    units: [
      { name: "Accueil du matin", start: "07:30", end: "08:30", capacity: 40, prices: [80, 120, 160, 200] },
      { name: "Accueil soir de 16h00 à 17h15", start: "16:00", end: "17:15", capacity: 40, prices: [100, 150, 200, 250] },
      { name: "Accueil soir de 16h00 à 18h30", start: "16:00", end: "18:30", capacity: 30, prices: [180, 260, 340, 420] },
    ],
    periods: [{ ...yearPeriod, weekdays: schoolDays }],
  });
  await activity({
    kind: "RESTAURATION_SCOLAIRE",
    name: "Restauration scolaire école Jules Simon",
    description: "Midi + déjeuner, les jours d'école.",
    units: [{ name: "Midi + déjeuner", start: "11:30", end: "13:30", capacity: 120, prices: [100, 250, 380, 450] }],
    periods: [{ ...yearPeriod, weekdays: schoolDays }],
    automatic: true,
  });
  const alshUnits: UnitSpec[] = [
    { name: "Accueil relais matin", start: "07:30", end: "08:30", capacity: 20, prices: [50, 80, 110, 140] },
    { name: "Matin avec repas", start: "08:30", end: "13:30", capacity: 24, prices: [400, 600, 800, 1000] },
    { name: "Après-midi", start: "13:30", end: "17:30", capacity: 24, prices: [300, 450, 600, 750] },
    { name: "Journée complète", start: "08:30", end: "17:30", capacity: 24, prices: [650, 950, 1300, 1600] },
    { name: "Accueil relais soir", start: "17:30", end: "18:30", capacity: 20, prices: [50, 80, 110, 140] },
  ];
  const mercredis = await activity({
    kind: "ALSH_MERCREDIS",
    name: "ALSH Les Chats Perchés — mercredis",
    description: "Accueil de loisirs des mercredis hors vacances scolaires.",
    units: alshUnits,
    periods: [{ name: `Mercredis ${label}`, start: schoolYearStart, end: schoolYearEnd, weekdays: [3] }],
  });
  // Seed 000: the day is booked as « matin avec repas » and/or « après-midi », or « journée complète »;
  // the relays only around them.
  const unit = async (name: string) => (await db.timeUnit.findFirstOrThrow({ where: { activityId: mercredis.id, name } })).id;
  const [relaisMatin, matin, apresMidi, journee, relaisSoir] = await Promise.all(alshUnits.map((u) => unit(u.name)));
  await db.timeUnitRule.createMany({
    data: [
      { kind: "INCOMPATIBLE", unitId: journee!, otherUnitId: matin! },
      { kind: "INCOMPATIBLE", unitId: journee!, otherUnitId: apresMidi! },
      { kind: "REQUIRES", unitId: relaisMatin!, otherUnitId: matin! },
      { kind: "REQUIRES", unitId: relaisMatin!, otherUnitId: journee! },
      { kind: "REQUIRES", unitId: relaisSoir!, otherUnitId: apresMidi! },
      { kind: "REQUIRES", unitId: relaisSoir!, otherUnitId: journee! },
    ],
  });
  const holidayPeriods = holidays
    .filter((h) => h.kind === "VACANCES_SCOLAIRES")
    .map((h) => ({
      name: `${h.label} ${h.start.slice(0, 4)}`,
      start: h.start,
      end: h.label === "Vacances d'été" ? `${startYear + 1}-07-31` : h.end,
      weekdays: [1, 2, 3, 4, 5],
      inHolidays: true,
    }));
  await activity({
    kind: "ALSH_VACANCES",
    name: "ALSH Les Chats Perchés — vacances",
    description: "Accueil de loisirs pendant les vacances scolaires.",
    units: alshUnits.filter((u) => u.name !== "Matin avec repas" && u.name !== "Après-midi"),
    periods: holidayPeriods,
  });
  return structure;
}

export interface BookableUnit {
  name: string;
  start?: string;
  end?: string;
  capacity: number;
  /** Price per QF bracket (0–400, 401–800, 801–1200, 1201+), in cents. */
  prices?: number[];
}

/**
 * A small bookable world for the reservation tests, E2E journeys and benches:
 * one structure, one activity with its units and tariffs, one period whose
 * opening days are `weekdays` between `start` and `end` minus `closed` days
 * (recorded as a public holiday of the structure).
 */
export async function createBookableWorld(
  db: PrismaClient,
  input: {
    start: string;
    end: string;
    weekdays: number[];
    units: BookableUnit[];
    automatic?: boolean;
    bookingDeadline?: string;
    cancellationDeadline?: string;
    closed?: string[];
    unitCapacityPerGroup?: number | null;
  },
) {
  const tag = randomUUID().slice(0, 6);
  const structure = await db.structure.create({ data: { name: `Accueil ${tag}`, city: "Lille" } });
  const careType = await db.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "ALSH mercredis" } });
  const activity = await db.activity.create({
    data: {
      structureId: structure.id,
      careTypeId: careType.id,
      name: `Mercredis ${tag}`,
      reservationValidation: input.automatic ? "AUTOMATIC" : "MANUAL",
      bookingDeadline: input.bookingDeadline ?? "J-2 10:00",
      cancellationDeadline: input.cancellationDeadline ?? "J-2 10:00",
      ageGroups: { create: [{ name: "Tous", minAgeMonths: 24, maxAgeMonths: 215, unitCapacity: input.unitCapacityPerGroup ?? null }] },
    },
    include: { ageGroups: true },
  });
  const units = [];
  for (const [index, unit] of input.units.entries()) {
    units.push(
      await db.timeUnit.create({
        data: {
          activityId: activity.id,
          name: unit.name,
          startTime: unit.start ?? "08:30",
          endTime: unit.end ?? "17:30",
          sortOrder: index,
          capacity: unit.capacity,
          tariffs: {
            create: QF_BRACKETS.map(([qfMin, qfMax], i) => ({ qfMin, qfMax, priceCents: (unit.prices ?? [100, 200, 300, 400])[i]! })),
          },
        },
      }),
    );
  }
  const period = await db.period.create({
    data: { activityId: activity.id, name: `Période ${tag}`, startDate: day(input.start), endDate: day(input.end) },
  });
  const closed = new Set(input.closed ?? []);
  for (const c of closed)
    await db.calendarException.create({
      data: { structureId: structure.id, kind: "JOUR_FERIE", label: "Jour férié", startDate: day(c), endDate: day(c) },
    });
  const open = eachDay(input.start, input.end).filter((d) => input.weekdays.includes(d.getUTCDay()) && !closed.has(iso(d)));
  await db.openingDay.createMany({ data: open.map((date) => ({ periodId: period.id, date })) });
  return { structure, activity, period, units, ageGroup: activity.ageGroups[0]!, openingDays: open.map(iso) };
}

/** A validated inscription of `childId` in the world's activity for its whole period (or the given status). */
export async function inscribe(
  db: PrismaClient,
  world: { activity: { id: string }; period: { id: string; startDate: Date; endDate: Date }; ageGroup: { id: string } },
  family: { id: string },
  childId: string,
  status: "VALIDATED" | "PENDING" | "REFUSED" | "CANCELLED" | "WAITLISTED" = "VALIDATED",
) {
  return db.inscription.create({
    data: {
      familyId: family.id,
      childId,
      activityId: world.activity.id,
      periodId: world.period.id,
      ageGroupId: world.ageGroup.id,
      status,
      startDate: world.period.startDate,
      endDate: world.period.endDate,
    },
  });
}

/**
 * `count` families in bulk (createMany, for benches and big runs): each with one child, a validated inscription in
 * the world's activity and a PRESENT day on every opening day and unit — a month to bill. `quotient(n)` gives each
 * family's quotient familial; names are « Famille <prefix><n> ».
 */
export async function createBilledFamiliesInBulk(
  db: PrismaClient,
  world: Awaited<ReturnType<typeof createBookableWorld>>,
  input: { count: number; prefix: string; quotient: (n: number) => number },
) {
  const batch = Array.from({ length: input.count }, (_, n) => ({
    n,
    family: randomUUID(),
    child: randomUUID(),
    inscription: randomUUID(),
  }));
  await db.family.createMany({
    data: batch.map((b) => ({
      id: b.family,
      name: `Famille ${input.prefix}${b.n}`,
      street: "1 rue des Tilleuls",
      postalCode: "59000",
      city: "Lille",
      quotientFamilial: input.quotient(b.n),
    })),
  });
  await db.child.createMany({
    data: batch.map((b) => ({
      id: b.child,
      familyId: b.family,
      lastName: `${input.prefix}${b.n}`,
      firstName: "Enfant",
      birthDate: new Date("2019-01-01T00:00:00Z"),
      sex: "F" as const,
    })),
  });
  await db.inscription.createMany({
    data: batch.map((b) => ({
      id: b.inscription,
      familyId: b.family,
      childId: b.child,
      activityId: world.activity.id,
      periodId: world.period.id,
      ageGroupId: world.ageGroup.id,
      status: "VALIDATED" as const,
      startDate: world.period.startDate,
      endDate: world.period.endDate,
    })),
  });
  await db.reservation.createMany({
    data: batch.flatMap((b) =>
      world.openingDays.flatMap((day) =>
        world.units.map((u) => ({
          inscriptionId: b.inscription,
          timeUnitId: u.id,
          date: new Date(`${day}T00:00:00Z`),
          status: "PRESENT" as const,
        })),
      ),
    ),
  });
}

/**
 * Garde alternée (ADR 051): links `childId` to a second foyer, as staff do (the link itself is the `foyers` work's
 * domain; tests and the demo write it directly).
 */
export async function linkSecondFoyer(db: PrismaClient, childId: string, familyId: string) {
  return db.childFoyer.create({ data: { childId, familyId } });
}

/**
 * An issued invoice of `month` with the given lines, paid by the given payments (SUCCEEDED, received then), as billing
 * and the desk would have left it — for the attestations fiscales and the CAF's figures (ADR 056, 057). Lines naming a
 * reservation bill that day (the reservation becomes INVOICED, as generate-month leaves it).
 */
export async function createPaidInvoice(
  db: PrismaClient,
  input: {
    structureId: string;
    familyId: string;
    month: string;
    lines: { label: string; totalCents: number; reservationId?: string; date?: string; isAid?: boolean; billedAbsence?: boolean }[];
    payments?: { amountCents: number; receivedAt: Date }[];
    kind?: "INVOICE" | "CREDIT_NOTE";
    creditedInvoiceId?: string;
  },
) {
  const year = Number(input.month.slice(0, 4));
  const counter = await db.invoiceCounter.upsert({
    where: { structureId_year: { structureId: input.structureId, year } },
    create: { structureId: input.structureId, year, last: 1 },
    update: { last: { increment: 1 } },
  });
  const totalCents = input.lines.reduce((sum, l) => sum + l.totalCents, 0);
  const paidCents = (input.payments ?? []).reduce((sum, p) => sum + p.amountCents, 0);
  const invoice = await db.invoice.create({
    data: {
      number: `${year}-${String(counter.last).padStart(6, "0")}`,
      structureId: input.structureId,
      year,
      sequence: counter.last,
      kind: input.kind ?? "INVOICE",
      creditedInvoiceId: input.creditedInvoiceId ?? null,
      familyId: input.familyId,
      payerName: "Payeur",
      payerAddress: "1 rue des Tilleuls\n59000 Lille",
      month: new Date(`${input.month}-01T00:00:00Z`),
      status: input.kind === "CREDIT_NOTE" ? "ISSUED" : paidCents >= totalCents ? "PAID" : paidCents > 0 ? "PARTIALLY_PAID" : "ISSUED",
      totalCents,
      paidCents,
      issuedAt: new Date(`${input.month}-28T09:00:00Z`),
      lines: {
        create: input.lines.map((l) => ({
          label: l.label,
          reservationId: l.reservationId ?? null,
          date: l.date ? new Date(`${l.date}T00:00:00Z`) : null,
          quantity: 1,
          unitPriceCents: l.totalCents,
          totalCents: l.totalCents,
          isAid: l.isAid ?? false,
          billedAbsence: l.billedAbsence ?? false,
        })),
      },
    },
  });
  const reservationIds = input.lines.flatMap((l) => (l.reservationId ? [l.reservationId] : []));
  if (reservationIds.length) {
    // As generate-month leaves them: INVOICED, the log saying what they were (a presence, a billed absence…).
    const before = await db.reservation.findMany({ where: { id: { in: reservationIds } }, select: { id: true, status: true } });
    await db.reservation.updateMany({ where: { id: { in: reservationIds } }, data: { status: "INVOICED" } });
    await db.transitionLog.createMany({
      data: before
        .filter((r) => r.status !== "INVOICED")
        .map((r) => ({ machine: "RESERVATION" as const, entityId: r.id, fromStatus: r.status, toStatus: "INVOICED", actorRole: "SYSTEM" })),
    });
  }
  if (input.kind === "CREDIT_NOTE" && input.creditedInvoiceId)
    await db.invoice.update({ where: { id: input.creditedInvoiceId }, data: { creditedCents: { increment: -totalCents } } });
  for (const p of input.payments ?? []) {
    await db.payment.create({
      data: {
        familyId: input.familyId,
        method: "CHEQUE",
        status: "SUCCEEDED",
        amountCents: p.amountCents,
        receivedAt: p.receivedAt,
        allocations: { create: [{ invoiceId: invoice.id, amountCents: p.amountCents }] },
      },
    });
  }
  return invoice;
}
