import { describe, expect, it } from "vitest";
import { summariseActivities } from "@/lib/inscriptions/summarise-activities";
import { composeDeadline, deadlineParts } from "@/lib/calendar/deadline-parts";
import { describeDeadline, parseDeadline } from "@/lib/calendar/deadlines";
import { createFamily } from "@/prisma/factories";
import { prisma } from "./helpers";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function activityWithTariffs(options: { max?: number; opensAt?: Date } = {}) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const structure = await prisma.structure.create({ data: { name: `Lieu résumé ${suffix}` } });
  const careType = await prisma.careType.create({ data: { structureId: structure.id, kind: "ALSH_MERCREDIS", name: "ALSH mercredis" } });
  const activity = await prisma.activity.create({
    data: {
      structureId: structure.id,
      careTypeId: careType.id,
      name: `Mercredis ${suffix}`,
      maxInscriptions: options.max ?? null,
      inscriptionsOpenAt: options.opensAt ?? null,
    },
  });
  const period = await prisma.period.create({
    data: { activityId: activity.id, name: "Printemps", startDate: day("2030-03-06"), endDate: day("2030-04-24") },
  });
  await prisma.openingDay.createMany({
    data: ["2030-03-06", "2030-03-13", "2030-03-20"].map((d) => ({ periodId: period.id, date: day(d) })),
  });
  for (const [name, start, end, prices] of [
    ["Matin", "08:30", "12:00", [300, 600]],
    ["Après-midi", "13:30", "17:30", [400, 800]],
  ] as const) {
    const unit = await prisma.timeUnit.create({ data: { activityId: activity.id, name, startTime: start, endTime: end, capacity: 20 } });
    await prisma.tariff.createMany({
      data: [
        { timeUnitId: unit.id, qfMin: 0, qfMax: 700, priceCents: prices[0] },
        { timeUnitId: unit.id, qfMin: 701, qfMax: null, priceCents: prices[1] },
      ],
    });
  }
  await prisma.ageGroup.create({ data: { activityId: activity.id, name: "Maternelle", minAgeMonths: 36, maxAgeMonths: 71 } });
  return { activity, period };
}

describe("what « Nouvelle inscription » shows of each activity", () => {
  it("days, hours, ages and the price range of the family's own QF bracket", async () => {
    const { activity } = await activityWithTariffs();
    const { family } = await createFamily(prisma, { quotientFamilial: 500 });
    const [summary] = await summariseActivities({ familyId: family.id, activityIds: [activity.id], now: new Date("2030-01-10T10:00:00Z") });
    expect(summary).toMatchObject({
      days: "les mercredis",
      units: [
        { name: "Matin", hours: "08 h 30 – 12 h 00" },
        { name: "Après-midi", hours: "13 h 30 – 17 h 30" },
      ],
      ages: ["Maternelle (de 3 à 5 ans)"],
      price: { minCents: 300, maxCents: 400, forFamilyQf: true },
      placesLeft: null,
      opensAt: null,
    });
  });

  it("without a QF, the whole range, said to depend on the QF", async () => {
    const { activity } = await activityWithTariffs();
    const { family } = await createFamily(prisma, { quotientFamilial: null });
    const [summary] = await summariseActivities({ familyId: family.id, activityIds: [activity.id], now: new Date("2030-01-10T10:00:00Z") });
    expect(summary.price).toEqual({ minCents: 300, maxCents: 800, forFamilyQf: false });
  });

  it("places left count the requests that hold a place; the opening date while it is to come", async () => {
    const opensAt = new Date("2030-02-01T07:00:00Z");
    const { activity, period } = await activityWithTariffs({ max: 3, opensAt });
    const other = await createFamily(prisma, {
      children: [
        { firstName: "Lou", birthDate: "2026-01-01", sex: "F" },
        { firstName: "Max", birthDate: "2026-01-01", sex: "M" },
      ],
    });
    for (const [child, status] of [
      [other.children[0], "PENDING"],
      [other.children[1], "REFUSED"],
    ] as const) {
      await prisma.inscription.create({
        data: {
          familyId: other.family.id,
          childId: child.id,
          activityId: activity.id,
          periodId: period.id,
          status,
          startDate: period.startDate,
          endDate: period.endDate,
        },
      });
    }
    const [before] = await summariseActivities({
      familyId: other.family.id,
      activityIds: [activity.id],
      now: new Date("2030-01-10T10:00:00Z"),
    });
    expect(before).toMatchObject({ placesLeft: 2, opensAt });
    const [after] = await summariseActivities({
      familyId: other.family.id,
      activityIds: [activity.id],
      now: new Date("2030-02-02T10:00:00Z"),
    });
    expect(after.opensAt).toBeNull();
  });
});

describe("deadlines chosen from fields", () => {
  it.each([
    [{ kind: "DAYS_BEFORE", days: "2", time: "10:00" }, "J-2 10:00", "2 jours avant, jusqu'à 10\u00a0h"],
    [{ kind: "DAYS_BEFORE", days: "0", time: "8h" }, "J-0 08:00", "le jour même jusqu'à 8\u00a0h"],
    [
      { kind: "WEEKDAY_BEFORE", weekday: "MERCREDI", time: "23:59" },
      "MERCREDI_PRECEDENT 23:59",
      "le mercredi précédent jusqu'à 23\u00a0h\u00a059 (avant minuit)",
    ],
  ] as const)("%j is stored as %s (« %s »)", (parts, expression, words) => {
    expect(composeDeadline(parts)).toBe(expression);
    expect(parseDeadline(expression)).not.toBeNull();
    expect(describeDeadline(expression)).toBe(words);
    expect(composeDeadline(deadlineParts(expression))).toBe(expression);
  });

  it("an impossible time stays invalid for the schema", () => {
    expect(parseDeadline(composeDeadline({ kind: "DAYS_BEFORE", days: "2", time: "25:00" }))).toBeNull();
    expect(parseDeadline(composeDeadline({ kind: "DAYS_BEFORE", days: "deux", time: "10:00" }))).toBeNull();
  });
});
