import { describe, expect, it } from "vitest";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { generateMonth, splitIntoBatches, splitShare } from "@/lib/billing/generate-month";
import { setCustodyPlan } from "@/lib/families/set-custody-plan";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe, linkSecondFoyer } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

const NOW = new Date("2026-12-01T10:00:00Z");
const BILLING_DAY = new Date("2027-02-05T10:00:00Z");
// ISO weeks: 6 Jan 2027 week 1 (odd), 13 Jan week 2, 20 Jan week 3, 27 Jan week 4. B has the even weeks.
const A_DAYS = ["2027-01-06", "2027-01-20"];
const B_DAYS = ["2027-01-13", "2027-01-27"];

/**
 * Léa shared by foyer A (QF 300: first bracket, 333 c the day) and foyer B (QF 1000: third bracket, 777 c), alternate
 * weeks; each foyer books its two Wednesdays of January. Family C (QF 650: 555 c), unrelated, books one day.
 */
async function januaryBooked(share: number | null) {
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-03-31",
    weekdays: [3],
    automatic: true,
    units: [{ name: "Journée", capacity: 10, prices: [333, 555, 777, 999] }],
  });
  const a = await createFamily(prisma, {
    lastName: "Martin",
    quotientFamilial: 300,
    children: [{ firstName: "Léa", birthDate: "2018-03-02", sex: "F" }],
  });
  const b = await createFamily(prisma, { lastName: "Bernard", quotientFamilial: 1000 });
  const c = await createFamily(prisma, {
    lastName: "Petit",
    quotientFamilial: 650,
    children: [{ firstName: "Tom", birthDate: "2018-03-02", sex: "M" }],
  });
  const child = a.children[0]!;
  await linkSecondFoyer(prisma, child.id, b.family.id);
  const inscription = await inscribe(prisma, w, a.family, child.id);
  const ofC = await inscribe(prisma, w, c.family, c.children[0]!.id);
  const staff = await staffActor();
  await setCustodyPlan({
    familyId: a.family.id,
    actor: staff,
    plan: {
      childId: child.id,
      kind: "ALTERNATE_WEEKS",
      evenWeeksFamilyId: b.family.id,
      weekdayFamilyIds: [],
      defaultFamilyId: a.family.id,
      days: [],
      firstFoyerSharePercent: share,
    },
  });
  const unit = w.units[0]!;
  const book = (family: typeof a, inscriptionId: string, days: string[]) =>
    requestReservations({
      familyId: family.family.id,
      actor: actorFromUser(family.user),
      now: NOW,
      cells: days.map((day) => ({ inscriptionId, timeUnitId: unit.id, day })),
    });
  expect((await book(a, inscription.id, A_DAYS)).map((o) => o.outcome)).toEqual(["RESERVED", "RESERVED"]);
  expect((await book(b, inscription.id, B_DAYS)).map((o) => o.outcome)).toEqual(["RESERVED", "RESERVED"]);
  expect((await book(c, ofC.id, ["2027-01-13"])).map((o) => o.outcome)).toEqual(["RESERVED"]);
  return { w, a, b, c, inscription, staff };
}

async function invoiceOf(structureId: string, familyId: string) {
  const invoices = await prisma.invoice.findMany({
    where: { structureId, familyId },
    include: { lines: { orderBy: [{ date: "asc" }] } },
  });
  expect(invoices).toHaveLength(1);
  return invoices[0]!;
}

const day = (d: Date | null) => d!.toISOString().slice(0, 10);

describe("billing a shared child (garde alternée)", () => {
  it("alternate weeks: each foyer is billed exactly its custody days at its own QF; numbers gapless per lieu", async () => {
    const s = await januaryBooked(null);
    const summary = await generateMonth({ structureId: s.w.structure.id, month: "2027-01", actor: s.staff, now: BILLING_DAY });
    expect(summary.invoices).toBe(3);
    // Hand computation: A 2 × 333 = 666, B 2 × 777 = 1554, C 1 × 555 = 555.
    const ofA = await invoiceOf(s.w.structure.id, s.a.family.id);
    const ofB = await invoiceOf(s.w.structure.id, s.b.family.id);
    const ofC = await invoiceOf(s.w.structure.id, s.c.family.id);
    expect(ofA.lines.map((l) => [day(l.date), l.totalCents])).toEqual(A_DAYS.map((d) => [d, 333]));
    expect(ofB.lines.map((l) => [day(l.date), l.totalCents])).toEqual(B_DAYS.map((d) => [d, 777]));
    expect([ofA.totalCents, ofB.totalCents, ofC.totalCents]).toEqual([666, 1554, 555]);
    // B's invoice is addressed to B's own parent (its file), never A's.
    expect(ofB.payerName).toContain("BERNARD");
    expect(ofA.payerName).toContain("MARTIN");
    // Gapless numbers of the lieu's year: 1, 2, 3.
    expect(summary.numbers.sort()).toEqual(["2027-000001", "2027-000002", "2027-000003"]);
    // Each day billed once, moved to F once; a second run bills nothing more.
    expect(await prisma.reservation.count({ where: { inscriptionId: s.inscription.id, status: "INVOICED" } })).toBe(4);
    const again = await generateMonth({ structureId: s.w.structure.id, month: "2027-01", actor: s.staff, now: BILLING_DAY });
    expect(again.invoices).toBe(0);
  });

  it("a fixed split 50 / 50: every line of the child on both invoices, each at its foyer's QF, the odd cent to the second", async () => {
    const s = await januaryBooked(50);
    // One family per batch: the split partner is pulled into the same batch (one transaction bills both shares).
    const summary = await generateMonth({
      structureId: s.w.structure.id,
      month: "2027-01",
      actor: s.staff,
      now: BILLING_DAY,
      batchSize: 1,
    });
    expect(summary.invoices).toBe(3);
    const ofA = await invoiceOf(s.w.structure.id, s.a.family.id);
    const ofB = await invoiceOf(s.w.structure.id, s.b.family.id);
    // Hand computation, per day: A floor(333 × 50 / 100) = 166; B 777 − floor(777 × 50 / 100) = 777 − 388 = 389.
    const all = [...A_DAYS, ...B_DAYS].sort();
    expect(ofA.lines.map((l) => [day(l.date), l.totalCents])).toEqual(all.map((d) => [d, 166]));
    expect(ofB.lines.map((l) => [day(l.date), l.totalCents])).toEqual(all.map((d) => [d, 389]));
    expect(ofA.totalCents).toBe(664);
    expect(ofB.totalCents).toBe(1556);
    expect(ofA.lines.every((l) => l.label.endsWith("— part 50 %"))).toBe(true);
    expect(ofB.lines.every((l) => l.label.endsWith("— part 50 %"))).toBe(true);
    expect(await prisma.invoiceLine.count({ where: { reservation: { inscriptionId: s.inscription.id } } })).toBe(8);
    expect(await prisma.reservation.count({ where: { inscriptionId: s.inscription.id, status: "INVOICED" } })).toBe(4);
    expect(summary.numbers.sort()).toEqual(["2027-000001", "2027-000002", "2027-000003"]);
  });

  it("a fixed split 70 / 30 against a hand computation (odd cents)", async () => {
    const s = await januaryBooked(70);
    await generateMonth({ structureId: s.w.structure.id, month: "2027-01", actor: s.staff, now: BILLING_DAY });
    const ofA = await invoiceOf(s.w.structure.id, s.a.family.id);
    const ofB = await invoiceOf(s.w.structure.id, s.b.family.id);
    // A floor(333 × 70 / 100) = floor(233.1) = 233; B 777 − floor(777 × 70 / 100) = 777 − floor(543.9) = 234.
    expect(ofA.lines.map((l) => l.totalCents)).toEqual([233, 233, 233, 233]);
    expect(ofB.lines.map((l) => l.totalCents)).toEqual([234, 234, 234, 234]);
    expect([ofA.totalCents, ofB.totalCents]).toEqual([932, 936]);
    expect(ofA.lines[0]!.label).toContain("part 70 %");
    expect(ofB.lines[0]!.label).toContain("part 30 %");
  });
});

describe("splitShare and splitIntoBatches", () => {
  it("the two shares of one price add up to it exactly", () => {
    for (const price of [0, 1, 333, 777, 1001])
      for (const p of [1, 30, 50, 70, 99]) expect(splitShare(price, p, "FIRST") + splitShare(price, p, "SECOND")).toBe(price);
    expect(splitShare(333, 50, "FIRST")).toBe(166);
    expect(splitShare(333, 50, "SECOND")).toBe(167);
  });

  it("keeps split partners (and theirs) in one batch, the others in order", () => {
    const partners = new Map([
      ["a", ["d"]],
      ["b", []],
      ["c", []],
      ["d", ["a", "e"]],
      ["e", ["d"]],
    ]);
    expect(splitIntoBatches(["a", "b", "c", "d", "e"], partners, 2)).toEqual([
      ["a", "d", "e"],
      ["b", "c"],
    ]);
    expect(splitIntoBatches(["b", "c", "a", "d", "e"], partners, 2)).toEqual([
      ["b", "c"],
      ["a", "d", "e"],
    ]);
  });
});
