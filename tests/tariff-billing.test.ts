import { describe, expect, it } from "vitest";
import { generateMonth, lockMonthBilling } from "@/lib/billing/generate-month";
import { setQuotient } from "@/lib/billing/set-quotient";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { getMonthCalendar } from "@/lib/reservations/get-month-calendar";
import { listPeriodChoices, previewPeriod } from "@/lib/reservations/reserve-period";
import { setTariffRule, deleteTariffRule, type TariffRuleInput } from "@/lib/activities/set-tariff-rule";
import { setTariffs } from "@/lib/activities/set-tariffs";
import { setResidentCommunes } from "@/lib/activities/set-resident-communes";
import { residentCommunesSchema, tariffRuleSchema } from "@/lib/activities/tariff-rule-schemas";
import { tariffsSchema } from "@/lib/activities/schemas";
import { setCustodyPlan } from "@/lib/families/set-custody-plan";
import { ALL_LIEUX, scopeOf } from "@/lib/auth/staff-scope";
import { actorFromUser } from "@/lib/workflow";
import { formatCents } from "@/lib/format";
import { getFamilyAccount } from "@/lib/billing/get-family-account";
import { inscriptionDues } from "@/lib/billing/get-inscription-due";
import { summariseActivities } from "@/lib/inscriptions/summarise-activities";
import { createBookableWorld, createFamily, createStaffUser, inscribe, linkSecondFoyer } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

// ADR 055, on the real database: what generate-month writes, what the calendar and the période preview show.
const NOW = new Date("2026-12-01T10:00:00Z");
const BILLING_DAY = new Date("2027-02-05T10:00:00Z");
const WEDNESDAYS = ["2027-01-06", "2027-01-13", "2027-01-20", "2027-01-27"];
const NBSP = "\u00a0";
/** « 3,00 € » as lib/format writes it (its space is the runtime's ICU's). */
const EURO = (s: string) => formatCents(Math.round(Number(s.replace(",", ".")) * 100));

/** A lieu whose résident commune is « Lille »; one unit 14:00–16:30 (2 h 30), brackets 0–400 / 401–800 / 801–1200 / 1201+. */
async function world(input: { prices: number[]; nonResident: (number | null)[]; start?: string; end?: string }) {
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-01-31",
    weekdays: [3],
    automatic: true,
    units: [{ name: "Après-midi", start: input.start ?? "14:00", end: input.end ?? "16:30", capacity: 20, prices: input.prices }],
  });
  await prisma.structure.update({ where: { id: w.structure.id }, data: { residentCommunes: ["Lille"] } });
  const tariffs = await prisma.tariff.findMany({ where: { timeUnitId: w.units[0]!.id }, orderBy: { qfMin: "asc" } });
  for (const [i, t] of tariffs.entries())
    await prisma.tariff.update({ where: { id: t.id }, data: { nonResidentPriceCents: input.nonResident[i] ?? null } });
  return w;
}

async function family(lastName: string, city: string, qf: number, children: { firstName: string; birthDate: string }[]) {
  const f = await createFamily(prisma, { lastName, quotientFamilial: qf, children: children.map((c) => ({ ...c, sex: "F" as const })) });
  await prisma.family.update({ where: { id: f.family.id }, data: { city, postalCode: city === "Lille" ? "59000" : "59650" } });
  return f;
}

const rule = (activityId: string, over: Partial<TariffRuleInput> = {}): TariffRuleInput => ({
  activityId,
  validFrom: "2027-01-01",
  mode: "PER_UNIT",
  siblingSecondPercent: null,
  siblingThirdPercent: null,
  siblingScope: "DAY",
  ...over,
});

async function book(f: Awaited<ReturnType<typeof family>>, inscriptionId: string, unitId: string, days: string[]) {
  const out = await requestReservations({
    familyId: f.family.id,
    actor: actorFromUser(f.user),
    now: NOW,
    cells: days.map((day) => ({ inscriptionId, timeUnitId: unitId, day })),
  });
  expect(out.map((o) => o.outcome)).toEqual(days.map(() => "RESERVED"));
}

const day = (d: Date | null) => d!.toISOString().slice(0, 10);

async function linesOf(structureId: string, familyId: string) {
  const invoice = await prisma.invoice.findFirstOrThrow({
    where: { structureId, familyId },
    include: { lines: { orderBy: [{ date: "asc" }, { totalCents: "desc" }] } },
  });
  // Cents never lost: the invoice's total is its lines' sum.
  expect(invoice.totalCents).toBe(invoice.lines.reduce((sum, l) => sum + l.totalCents, 0));
  return invoice.lines;
}

describe("tariffs beyond the quotient, billed (ADR 055)", () => {
  it("a hors-commune family, 3 children on a Wednesday, 2 h 30 at 3,00 € an hour, fratrie 10 % / 20 %: 7,50 + 6,75 + 6,00", async () => {
    // Résident 2,50 €/h; hors commune 3,00 €/h (QF 650: second bracket).
    const w = await world({ prices: [200, 250, 300, 350], nonResident: [240, 300, null, null] });
    const staff = await staffActor();
    await setTariffRule(rule(w.activity.id, { mode: "HOURLY", siblingSecondPercent: 10, siblingThirdPercent: 20 }), {
      userId: staff.userId,
      scope: ALL_LIEUX,
    });
    const f = await family("Horscommune", "Lomme", 650, [
      { firstName: "Inès", birthDate: "2019-09-01" },
      { firstName: "Aïcha", birthDate: "2016-02-01" },
      { firstName: "Lina", birthDate: "2017-05-01" },
    ]);
    const byName = new Map(f.children.map((c) => [c.firstName, c]));
    const ins = new Map<string, string>();
    for (const name of ["Aïcha", "Lina", "Inès"]) ins.set(name, (await inscribe(prisma, w, f.family, byName.get(name)!.id)).id);
    const unit = w.units[0]!;

    // « Nouvelle inscription »: the unit's price for this family (its bracket, hors commune, 2 h 30 at 3,00 € an hour).
    const [summary] = await summariseActivities({ familyId: f.family.id, activityIds: [w.activity.id], now: NOW });
    expect(summary!.price).toEqual({ minCents: 750, maxCents: 750, forFamilyQf: true });
    // « Réservations sur période »: each unit's price in the week template, the same.
    expect((await listPeriodChoices(f.family.id)).map((c) => c.units[0]!.priceCents)).toEqual([750, 750, 750]);
    // Before booking, alone that day: each child's cell says the full hors-commune hourly price.
    const before = await getMonthCalendar({ familyId: f.family.id, inscriptionId: null, month: "2027-01", now: NOW });
    const note1 = `tarif hors commune · 2${NBSP}h${NBSP}30 × ${EURO("3,00")}`;
    expect(before!.days[0]!.lanes.map((l) => [l!.prices[0], l!.priceNotes![0]])).toEqual([
      [750, note1],
      [750, note1],
      [750, note1],
    ]);

    // Aïcha (eldest) books; then Lina's free cell shows the 2nd child's price, Inès's the 2nd too (two children booked with her).
    await book(f, ins.get("Aïcha")!, unit.id, [WEDNESDAYS[0]!]);
    const one = await getMonthCalendar({ familyId: f.family.id, inscriptionId: ins.get("Lina")!, month: "2027-01", now: NOW });
    expect(one!.days[0]!.lanes[0]!.prices[0]).toBe(675);
    expect(one!.days[1]!.lanes[0]!.prices[0]).toBe(750);
    // The période preview of Inès: on the 6th she would be the 2nd booked (Lina not yet): 6,75 €; the other days 7,50 €.
    const preview = await previewPeriod({
      familyId: f.family.id,
      inscriptionId: ins.get("Inès")!,
      startDate: "2027-01-04",
      endDate: "2027-01-13",
      weekType: "ALL",
      slots: [`3:${unit.id}`],
      now: NOW,
    });
    expect(preview.cells.map((c) => [c.day, c.priceCents])).toEqual([
      ["2027-01-06", 675],
      ["2027-01-13", 750],
    ]);
    expect(preview.totalCents).toBe(1425);
    expect(preview.cells.map((c) => c.priceNote)).toEqual([`${note1} · réduction fratrie -10${NBSP}%`, note1]);

    await book(f, ins.get("Lina")!, unit.id, [WEDNESDAYS[0]!]);
    await book(f, ins.get("Inès")!, unit.id, [WEDNESDAYS[0]!, WEDNESDAYS[1]!]);
    // « Mon compte », before billing: the unit's price for the family (hors commune, hourly, no reduction) and what is
    // booked and not billed yet, each day priced as the invoice will be.
    const account = await getFamilyAccount(f.family.id);
    expect(account!.detail.map((d) => [d.child, d.units[0]!.priceCents, d.toInvoice])).toEqual([
      ["Aïcha", 750, { count: 1, cents: 750 }],
      ["Lina", 750, { count: 1, cents: 675 }],
      ["Inès", 750, { count: 2, cents: 600 + 750 }],
    ]);
    // The « solde dû » of the booking e-mail (ADR 036) is the invoice's amount too: hors commune, hourly, fratrie.
    const dues = await prisma.$transaction((tx) => inscriptionDues(tx, [ins.get("Aïcha")!, ins.get("Lina")!, ins.get("Inès")!]));
    expect([...dues.values()]).toEqual([750, 675, 600 + 750]);
    // Inès's receipt (her two days sent at once, priced before the slots' locks): 6,00 € + 7,50 €.
    const receipts = await prisma.emailOutbox.findMany({
      where: { familyId: f.family.id, template: "reservation-receipt" },
      orderBy: { createdAt: "asc" },
    });
    expect(receipts.at(-1)!.text).toMatch(/solde dû .* est de 13,50\s€/);
    const after = await getMonthCalendar({ familyId: f.family.id, inscriptionId: null, month: "2027-01", now: NOW });
    // Lanes eldest first: Aïcha, Lina, Inès.
    const shown = after!.days[0]!.lanes.map((l) => l!.prices[0]);
    expect(shown).toEqual([750, 675, 600]);

    await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLING_DAY });
    const lines = await linesOf(w.structure.id, f.family.id);
    expect(lines.map((l) => [day(l.date), l.label.split(" ")[0], l.totalCents, l.priceNote])).toEqual([
      ["2027-01-06", "Aïcha", 750, note1],
      ["2027-01-06", "Lina", 675, `${note1} · réduction fratrie -10${NBSP}%`],
      ["2027-01-06", "Inès", 600, `${note1} · réduction fratrie -20${NBSP}%`],
      // Alone on the 13th: full price.
      ["2027-01-13", "Inès", 750, note1],
    ]);
    // The calendar's price of each day is the billed one.
    expect(shown).toEqual(lines.filter((l) => day(l.date) === "2027-01-06").map((l) => l.totalCents));
  });

  it("a résident family (its commune in the lieu's list) pays the résident price, whatever its own flag; no list: its flag", async () => {
    const w = await world({ prices: [100, 200, 300, 400], nonResident: [150, 250, 350, 450], start: "09:00", end: "12:00" });
    const staff = await staffActor();
    const f = await family("Resident", "Lille", 650, [{ firstName: "Nour", birthDate: "2018-01-01" }]);
    await prisma.family.update({ where: { id: f.family.id }, data: { isResident: false } });
    const g = await family("Nonresident", "Lomme", 650, [{ firstName: "Jules", birthDate: "2018-01-01" }]);
    const fi = await inscribe(prisma, w, f.family, f.children[0]!.id);
    const gi = await inscribe(prisma, w, g.family, g.children[0]!.id);
    await book(f, fi.id, w.units[0]!.id, [WEDNESDAYS[0]!]);
    await book(g, gi.id, w.units[0]!.id, [WEDNESDAYS[0]!]);
    await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLING_DAY });
    expect((await linesOf(w.structure.id, f.family.id)).map((l) => [l.totalCents, l.priceNote])).toEqual([[200, null]]);
    expect((await linesOf(w.structure.id, g.family.id)).map((l) => [l.totalCents, l.priceNote])).toEqual([[250, "tarif hors commune"]]);
    // Without a list, the family's own flag (Lomme, flagged résident) decides.
    await prisma.structure.update({ where: { id: w.structure.id }, data: { residentCommunes: [] } });
    const calendar = await getMonthCalendar({ familyId: g.family.id, inscriptionId: gi.id, month: "2027-01", now: NOW });
    expect(calendar!.days[1]!.lanes[0]!.prices[0]).toBe(200);
  });

  it("a rule changing mid-month, and a quotient changing mid-month: each day at the rule and QF in force that day", async () => {
    const w = await world({ prices: [400, 600, 800, 1000], nonResident: [500, 700, 900, 1100], start: "08:00", end: "18:00" });
    const staff = await staffActor();
    const by = { userId: staff.userId, scope: ALL_LIEUX };
    await setTariffRule(rule(w.activity.id, { validFrom: "2027-01-01" }), by);
    await setTariffRule(rule(w.activity.id, { validFrom: "2027-01-15", siblingSecondPercent: 10, siblingScope: "PERIOD" }), by);
    const f = await family("Changeante", "Lomme", 650, [
      { firstName: "Aya", birthDate: "2016-01-01" },
      { firstName: "Zoé", birthDate: "2018-01-01" },
    ]);
    const [aya, zoe] = [f.children.find((c) => c.firstName === "Aya")!, f.children.find((c) => c.firstName === "Zoé")!];
    await inscribe(prisma, w, f.family, aya.id); // inscribed, never booked: counts for « même période »
    const zi = await inscribe(prisma, w, f.family, zoe.id);
    // From the 20th, QF 650 → 1000 (third bracket, hors commune 900).
    await prisma.$transaction((tx) => setQuotient(tx, f.family.id, { quotientFamilial: 1000, cafNumber: "1234567" }, "2027-01-20"));
    await book(f, zi.id, w.units[0]!.id, WEDNESDAYS);
    const calendar = await getMonthCalendar({ familyId: f.family.id, inscriptionId: zi.id, month: "2027-01", now: NOW });
    await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLING_DAY });
    const lines = await linesOf(w.structure.id, f.family.id);
    // 6th, 13th: old rule, QF 650 → 700. 20th, 27th: new rule (Zoé 2nd of the période: -10 %), QF 1000 → 900 − 90 = 810.
    expect(lines.map((l) => [day(l.date), l.totalCents])).toEqual([
      ["2027-01-06", 700],
      ["2027-01-13", 700],
      ["2027-01-20", 810],
      ["2027-01-27", 810],
    ]);
    expect(lines[2]!.priceNote).toBe(`tarif hors commune · réduction fratrie -10${NBSP}%`);
    expect(calendar!.days.map((d) => d.lanes[0]!.prices[0])).toEqual(lines.map((l) => l.totalCents));
  });

  it("the custody split (ADR 051) applies to the price after the rules: floor(7,50 € × 33 %) and the rest", async () => {
    const w = await world({ prices: [300, 300, 300, 300], nonResident: [null, null, null, null] });
    const staff = await staffActor();
    await setTariffRule(rule(w.activity.id, { mode: "HOURLY" }), { userId: staff.userId, scope: ALL_LIEUX });
    const a = await family("Premier", "Lille", 650, [{ firstName: "Léo", birthDate: "2018-01-01" }]);
    const b = await family("Second", "Lille", 650, []);
    const child = a.children[0]!;
    await linkSecondFoyer(prisma, child.id, b.family.id);
    const ins = await inscribe(prisma, w, a.family, child.id);
    await setCustodyPlan({
      familyId: a.family.id,
      actor: staff,
      plan: {
        childId: child.id,
        kind: "ALTERNATE_WEEKS",
        evenWeeksFamilyId: a.family.id,
        weekdayFamilyIds: [],
        defaultFamilyId: a.family.id,
        days: [],
        firstFoyerSharePercent: 33,
      },
    });
    await book(a, ins.id, w.units[0]!.id, [WEDNESDAYS[1]!]); // 13 January: ISO week 2, even, foyer A
    await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLING_DAY });
    const first = await linesOf(w.structure.id, a.family.id);
    const second = await linesOf(w.structure.id, b.family.id);
    // 3,00 € × 2,5 = 750 c ; first foyer floor(750 × 33 / 100) = 247, second 750 − 247 = 503: 750 in all.
    expect(first.map((l) => l.totalCents)).toEqual([247]);
    expect(second.map((l) => l.totalCents)).toEqual([503]);
    expect(first[0]!.priceNote).toBe(`2${NBSP}h${NBSP}30 × ${EURO("3,00")}`);
  });
});

describe("the staff's editor (ADR 055): bad input refused in French, nothing written; other lieux refused", () => {
  it("percent over 100, a negative price, a commune too long: messages", () => {
    const bad = tariffRuleSchema.safeParse({
      activityId: "x",
      validFrom: "15/01/2027",
      mode: "HOURLY",
      siblingSecondPercent: "120",
      siblingThirdPercent: "dix",
      siblingScope: "DAY",
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([
        "Fratrie, 2e enfant : 100 % au plus.",
        "Fratrie, 3e enfant et suivants : un pourcentage entier (exemple : 10).",
      ]),
    );
    const ok = tariffRuleSchema.parse({
      activityId: "x",
      validFrom: "15/01/2027",
      mode: "HOURLY",
      siblingSecondPercent: "10 %",
      siblingThirdPercent: "",
      siblingScope: "PERIOD",
    });
    expect(ok).toMatchObject({ validFrom: "2027-01-15", siblingSecondPercent: 10, siblingThirdPercent: null });
    const price = tariffsSchema.safeParse({
      timeUnitId: "u",
      brackets: [{ qfMin: "0", qfMax: "", price: "2,50", nonResidentPrice: "-3" }],
    });
    expect(price.success).toBe(false);
    expect(price.error!.issues[0]!.message).toBe("Tarif hors commune : pas de montant négatif.");
    expect(
      tariffsSchema.parse({ timeUnitId: "u", brackets: [{ qfMin: "0", qfMax: "", price: "2,50", nonResidentPrice: "3,10" }] }).brackets[0],
    ).toEqual({ qfMin: 0, qfMax: null, price: 250, nonResidentPrice: 310 });
    expect(residentCommunesSchema.parse({ structureId: "s", communes: "Lille\r\n\n  59000 \nLille\n" }).communes).toEqual([
      "Lille",
      "59000",
    ]);
    expect(residentCommunesSchema.safeParse({ structureId: "s", communes: "x".repeat(81) }).success).toBe(false);
  });

  it("a rule inside a closed month is refused, with its message, and nothing is written; after it, accepted", async () => {
    const w = await world({ prices: [100, 100, 100, 100], nonResident: [null, null, null, null] });
    const staff = await staffActor();
    await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: BILLING_DAY });
    await lockMonthBilling({ structureId: w.structure.id, month: "2027-01", actor: staff });
    const by = { userId: staff.userId, scope: ALL_LIEUX };
    for (const validFrom of ["2027-01-20", "2026-12-01"])
      await expectNothingChanged(() =>
        expect(setTariffRule(rule(w.activity.id, { validFrom, siblingSecondPercent: 10 }), by)).rejects.toThrow(
          "En vigueur à partir du : le mois de janvier 2027 est clôturé, ses jours facturés ne changent plus de prix ; choisissez une date à partir du 01/02/2027.",
        ),
      );
    const { id } = await setTariffRule(rule(w.activity.id, { validFrom: "2027-02-01", siblingSecondPercent: 10 }), by);
    expect(await prisma.tariffRule.count({ where: { activityId: w.activity.id } })).toBe(1);
    // Same day again: replaced, not doubled.
    await setTariffRule(rule(w.activity.id, { validFrom: "2027-02-01", siblingSecondPercent: 15 }), by);
    expect(
      await prisma.tariffRule.findMany({ where: { activityId: w.activity.id }, select: { id: true, siblingSecondPercent: true } }),
    ).toEqual([{ id, siblingSecondPercent: 15 }]);
    // A 3rd-child reduction without a 2nd: refused.
    await expectNothingChanged(() =>
      expect(setTariffRule(rule(w.activity.id, { validFrom: "2027-03-01", siblingThirdPercent: 20 }), by)).rejects.toThrow(
        "Fratrie, 2e enfant : renseignez-le aussi",
      ),
    );
    await deleteTariffRule(id, { scope: ALL_LIEUX });
    expect(await prisma.tariffRule.count({ where: { activityId: w.activity.id } })).toBe(0);
  });

  it("staff of another lieu: the rule, the tariffs and the communes answer « not found », nothing written", async () => {
    const w = await world({ prices: [100, 100, 100, 100], nonResident: [null, null, null, null] });
    const other = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "U", capacity: 1 }],
    });
    const agent = await createStaffUser(prisma, { displayName: "Agent d'un autre lieu" });
    const scope = scopeOf("STAFF", [other.structure.id]);
    const rule0 = await setTariffRule(rule(w.activity.id, { validFrom: "2027-02-01" }), { userId: agent.id, scope: ALL_LIEUX });
    await expectNothingChanged(async () => {
      await expect(setTariffRule(rule(w.activity.id, { validFrom: "2027-03-01" }), { userId: agent.id, scope })).rejects.toThrow();
      await expect(deleteTariffRule(rule0.id, { scope })).rejects.toThrow();
      await expect(setTariffs(w.units[0]!.id, [{ qfMin: 0, qfMax: null, price: 1, nonResidentPrice: 2 }], scope)).rejects.toThrow();
      await expect(
        setResidentCommunes({ structureId: w.structure.id, communes: ["Roubaix"] }, { userId: agent.id, scope }),
      ).rejects.toThrow();
    });
    // Their own lieu: accepted.
    await setResidentCommunes({ structureId: other.structure.id, communes: ["Roubaix", "59100"] }, { userId: agent.id, scope });
    expect((await prisma.structure.findUniqueOrThrow({ where: { id: other.structure.id } })).residentCommunes).toEqual([
      "Roubaix",
      "59100",
    ]);
    await setTariffs(other.units[0]!.id, [{ qfMin: 0, qfMax: null, price: 250, nonResidentPrice: 310 }], scope);
    expect(
      await prisma.tariff.findMany({
        where: { timeUnitId: other.units[0]!.id },
        select: { priceCents: true, nonResidentPriceCents: true },
      }),
    ).toEqual([{ priceCents: 250, nonResidentPriceCents: 310 }]);
  });
});
