import { describe, expect, it } from "vitest";
import { generateMonth, lockMonthBilling } from "@/lib/billing/generate-month";
import { setQuotient } from "@/lib/billing/set-quotient";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

// January 2027, Wednesdays; tariffs per QF bracket 0–500 / 501–800 / 801–1200 / 1201+.
async function world() {
  return createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-01-31",
    weekdays: [3],
    units: [
      { name: "Matin", capacity: 50, prices: [400, 600, 800, 1000] },
      { name: "Soir", capacity: 50, prices: [150, 250, 350, 450] },
    ],
  });
}

async function family(w: Awaited<ReturnType<typeof world>>, name: string, quotientFamilial = 600) {
  const f = await createFamily(prisma, {
    lastName: name,
    quotientFamilial,
    children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }],
  });
  return { ...f, inscription: await inscribe(prisma, w, f.family, f.children[0]!.id) };
}

const book = (
  inscriptionId: string,
  timeUnitId: string,
  day: string,
  status: "RESERVED" | "PRESENT" | "ABSENT_BILLED" | "ABSENT_EXCUSED" | "CANCELLED" | "REQUESTED" | "WAITLISTED" | "CANCELLATION_REQUESTED",
) => prisma.reservation.create({ data: { inscriptionId, timeUnitId, date: new Date(`${day}T00:00:00Z`), status } });

describe("generating a month", () => {
  it("bills bookings, presences and billed absences — never excused absences, days cancelled by the structure or requests — one invoice per family, a line per child, unit and day, in cents", async () => {
    const w = await world();
    const [matin, soir] = w.units;
    const a = await family(w, "Alba");
    for (const [day, status] of [
      ["2027-01-06", "PRESENT"],
      ["2027-01-13", "ABSENT_BILLED"],
      ["2027-01-20", "RESERVED"],
      ["2027-01-27", "ABSENT_EXCUSED"],
    ] as const)
      await book(a.inscription.id, matin!.id, day, status);
    await book(a.inscription.id, soir!.id, "2027-01-06", "CANCELLED");
    await book(a.inscription.id, soir!.id, "2027-01-13", "REQUESTED");
    await book(a.inscription.id, soir!.id, "2027-01-20", "WAITLISTED");
    await book(a.inscription.id, soir!.id, "2027-01-27", "CANCELLATION_REQUESTED");
    const staff = await staffActor();
    const summary = await generateMonth({
      structureId: w.structure.id,
      month: "2027-01",
      actor: staff,
      now: new Date("2027-02-01T09:00:00Z"),
    });
    expect(summary).toEqual({ invoices: 1, totalCents: 1800, numbers: ["2027-000001"], familiesWithoutLines: 0 });
    const invoice = await prisma.invoice.findFirstOrThrow({
      where: { familyId: a.family.id },
      include: { lines: { orderBy: { date: "asc" } } },
    });
    expect(invoice).toMatchObject({
      number: "2027-000001",
      status: "DRAFT",
      totalCents: 1800,
      payerName: expect.stringMatching(/ALBA$/),
      year: 2027,
      sequence: 1,
    });
    expect(invoice.lines.map((l) => [l.date?.toISOString().slice(0, 10), l.label, l.unitPriceCents])).toEqual([
      ["2027-01-06", `Alba ALBA — Matin (${w.activity.name})`, 600],
      ["2027-01-13", `Alba ALBA — Matin (${w.activity.name})`, 600],
      ["2027-01-20", `Alba ALBA — Matin (${w.activity.name})`, 600],
    ]);
    // Billed cells are F now; the others are as they were.
    const statuses = await prisma.reservation.findMany({
      where: { inscriptionId: a.inscription.id },
      orderBy: [{ timeUnit: { sortOrder: "asc" } }, { date: "asc" }],
      select: { status: true },
    });
    expect(statuses.map((s) => s.status)).toEqual([
      "INVOICED",
      "INVOICED",
      "INVOICED",
      "ABSENT_EXCUSED",
      "CANCELLED",
      "REQUESTED",
      "WAITLISTED",
      "CANCELLATION_REQUESTED",
    ]);
  });

  it("run again bills only what is new, in a complementary invoice with the next number; a locked month is refused and changes nothing", async () => {
    const w = await world();
    const a = await family(w, "Bruno");
    await book(a.inscription.id, w.units[0]!.id, "2027-01-06", "PRESENT");
    const staff = await staffActor();
    const now = new Date("2027-02-01T09:00:00Z");
    expect((await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now })).numbers).toEqual(["2027-000001"]);
    expect(await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now })).toMatchObject({
      invoices: 0,
      totalCents: 0,
    });
    await book(a.inscription.id, w.units[1]!.id, "2027-01-13", "PRESENT");
    expect(await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now })).toMatchObject({
      invoices: 1,
      totalCents: 250,
      numbers: ["2027-000002"],
    });
    expect(await prisma.invoiceLine.count({ where: { invoice: { familyId: a.family.id } } })).toBe(2);
    await lockMonthBilling({ structureId: w.structure.id, month: "2027-01", actor: staff });
    await book(a.inscription.id, w.units[1]!.id, "2027-01-20", "PRESENT");
    await expectNothingChanged(() =>
      expect(generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now })).rejects.toThrow(
        "Le mois de janvier 2027 est clôturé",
      ),
    );
  });

  it("two staff generating the same month at once: one set of invoices, numbers contiguous, nothing billed twice", async () => {
    const w = await world();
    const families = [];
    for (const name of ["Cora", "Dali", "Emil", "Fanny", "Gaspard", "Hugo", "Iris", "Jade"]) families.push(await family(w, name));
    for (const f of families) for (const day of ["2027-01-06", "2027-01-13"]) await book(f.inscription.id, w.units[0]!.id, day, "RESERVED");
    const staff = await staffActor();
    const now = new Date("2027-02-01T09:00:00Z");
    const [one, two] = await Promise.all([
      generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now }),
      generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now }),
    ]);
    expect(one.invoices + two.invoices).toBe(8);
    const invoices = await prisma.invoice.findMany({
      where: { structureId: w.structure.id },
      orderBy: { sequence: "asc" },
      include: { _count: { select: { lines: true } } },
    });
    expect(invoices.map((i) => i.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(invoices.map((i) => i.familyId)).size).toBe(8);
    expect(invoices.every((i) => i._count.lines === 2)).toBe(true);
    expect(one.totalCents + two.totalCents).toBe(8 * 2 * 600);
  });

  it("a quotient changed mid-month prices each day with the quotient then in force", async () => {
    const w = await world();
    const a = await family(w, "Katia", 600); // bracket 501–800: 600 for Matin
    for (const day of ["2027-01-06", "2027-01-13", "2027-01-20", "2027-01-27"])
      await book(a.inscription.id, w.units[0]!.id, day, "PRESENT");
    await prisma.$transaction((tx) => setQuotient(tx, a.family.id, { quotientFamilial: 1300, cafNumber: "1234567" }, "2027-01-15"));
    await generateMonth({
      structureId: w.structure.id,
      month: "2027-01",
      actor: await staffActor(),
      now: new Date("2027-02-01T09:00:00Z"),
    });
    const lines = await prisma.invoiceLine.findMany({ where: { invoice: { familyId: a.family.id } }, orderBy: { date: "asc" } });
    expect(lines.map((l) => l.unitPriceCents)).toEqual([600, 600, 1000, 1000]);
    expect((await prisma.invoice.findFirstOrThrow({ where: { familyId: a.family.id } })).totalCents).toBe(3200);
  });
});
