import { describe, expect, it } from "vitest";
import { computeCafFigures } from "@/lib/billing/caf-figures/compute-caf-figures";
import { cafFiguresCsv } from "@/lib/billing/caf-figures/caf-csv";
import { ageOn, cafPeriod } from "@/lib/billing/caf-figures/periods";
import { generateMonth } from "@/lib/billing/generate-month";
import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { NotFoundError } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

/*
 * The hand-made month: November 2026, an ALSH of mercredis (4, 11, 18, 25), two units — « Matin » 8 h 30 – 10 h
 * (1 h 30) and « Après-midi » 13 h 30 – 16 h (2 h 30). Three children:
 *
 *            born        4 Nov            11 Nov          18 Nov               25 Nov
 *   Alice    2022-05-10  Matin P, AM P    Matin P         Matin A Fact.        Matin A Exc.
 *   Bruno    2019-01-01  AM P             AM P            AM booked, no pointage
 *   Chloé    2020-11-18  —                Matin P, AM P   Matin P (her 6th birthday)   AM P
 *
 * Heures réalisées (presences):
 *   Alice  < 6: 1,5 + 2,5 + 1,5 = 5,5 h            6+: 0
 *   Bruno  < 6: 0                                   6+: 2,5 + 2,5 = 5 h
 *   Chloé  < 6: 1,5 + 2,5 = 4 h (11 Nov)            6+: 1,5 + 2,5 = 4 h (from her birthday on)
 *   total  < 6: 9,5 h                               6+: 9 h
 * Heures facturées (presences, the billed absence, the booking billed without pointage; never the excused absence):
 *   Alice  < 6: 5,5 + 1,5 = 7 h;  Bruno 6+: 5 + 2,5 = 7,5 h;  Chloé < 6: 4 h, 6+: 4 h
 *   total  < 6: 11 h                                6+: 11,5 h
 * Children (by their age on their first day réalisé): under 6 Alice and Chloé (2), 6 and over Bruno (1).
 */
async function handMadeMonth() {
  const w = await createBookableWorld(prisma, {
    start: "2026-11-01",
    end: "2026-11-30",
    weekdays: [3],
    units: [
      { name: "Matin", start: "08:30", end: "10:00", capacity: 20, prices: [300, 300, 300, 300] },
      { name: "Après-midi", start: "13:30", end: "16:00", capacity: 20, prices: [500, 500, 500, 500] },
    ],
  });
  const [matin, apresMidi] = w.units;
  const family = await createFamily(prisma, {
    lastName: "Caf",
    quotientFamilial: 600,
    children: [
      { firstName: "Alice", birthDate: "2022-05-10", sex: "F" },
      { firstName: "Bruno", birthDate: "2019-01-01", sex: "M" },
      { firstName: "Chloé", birthDate: "2020-11-18", sex: "F" },
    ],
  });
  await prisma.family.update({ where: { id: family.family.id }, data: { cafNumber: "1234567" } });
  const [alice, bruno, chloe] = await Promise.all(family.children.map((c) => inscribe(prisma, w, family.family, c.id)));
  const day = (
    inscription: { id: string },
    unit: { id: string },
    date: string,
    status: "PRESENT" | "ABSENT_BILLED" | "ABSENT_EXCUSED" | "RESERVED",
  ) =>
    prisma.reservation.create({
      data: { inscriptionId: inscription.id, timeUnitId: unit.id, date: new Date(`${date}T00:00:00Z`), status },
    });
  await day(alice!, matin!, "2026-11-04", "PRESENT");
  await day(alice!, apresMidi!, "2026-11-04", "PRESENT");
  await day(alice!, matin!, "2026-11-11", "PRESENT");
  await day(alice!, matin!, "2026-11-18", "ABSENT_BILLED");
  await day(alice!, matin!, "2026-11-25", "ABSENT_EXCUSED");
  await day(bruno!, apresMidi!, "2026-11-04", "PRESENT");
  await day(bruno!, apresMidi!, "2026-11-11", "PRESENT");
  await day(bruno!, apresMidi!, "2026-11-18", "RESERVED");
  await day(chloe!, matin!, "2026-11-11", "PRESENT");
  await day(chloe!, apresMidi!, "2026-11-11", "PRESENT");
  await day(chloe!, matin!, "2026-11-18", "PRESENT");
  await day(chloe!, apresMidi!, "2026-11-25", "PRESENT");
  // Another lieu's presence the same month: never counted here.
  const other = await createBookableWorld(prisma, {
    start: "2026-11-01",
    end: "2026-11-30",
    weekdays: [3],
    units: [{ name: "X", capacity: 5 }],
  });
  const otherInscription = await inscribe(prisma, other, family.family, family.children[0]!.id);
  await day(otherInscription, other.units[0]!, "2026-11-04", "PRESENT");
  return { w, family };
}

const h = (hours: number) => hours * 60;

describe("the CAF's figures", () => {
  it("ages on the day, periods", () => {
    expect(ageOn("2020-11-18", "2026-11-17")).toBe(5);
    expect(ageOn("2020-11-18", "2026-11-18")).toBe(6);
    expect(ageOn("2020-02-29", "2026-02-28")).toBe(5);
    expect(ageOn("2020-02-29", "2026-03-01")).toBe(6);
    expect(cafPeriod("2026-11")).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    expect(cafPeriod("2026")).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
    expect(cafPeriod("2026-13")).toBeNull();
    expect(cafPeriod("nov")).toBeNull();
  });

  it("the hand-made month: hours réalisées and facturées per child, under 6 / 6 and over, before and after billing", async () => {
    const { w } = await handMadeMonth();
    const november = { structureId: w.structure.id, from: "2026-11-01", to: "2026-11-30", scope: ALL_LIEUX };

    // Pointed, not billed yet: réalisées only.
    const before = await computeCafFigures(november);
    expect(before.rows.map((r) => [r.firstName, r.realisedUnder6, r.realised6Plus, r.billedUnder6, r.billed6Plus])).toEqual([
      ["Alice", h(5.5), 0, 0, 0],
      ["Bruno", 0, h(5), 0, 0],
      ["Chloé", h(4), h(4), 0, 0],
    ]);

    await generateMonth({
      structureId: w.structure.id,
      month: "2026-11",
      actor: await staffActor(),
      now: new Date("2026-12-01T09:00:00Z"),
    });
    const after = await computeCafFigures(november);
    expect(after.rows.map((r) => [r.firstName, r.realisedUnder6, r.realised6Plus, r.billedUnder6, r.billed6Plus])).toEqual([
      ["Alice", h(5.5), 0, h(7), 0],
      ["Bruno", 0, h(5), 0, h(7.5)],
      ["Chloé", h(4), h(4), h(4), h(4)],
    ]);
    expect(after.totals).toEqual([
      {
        careKind: "ALSH_MERCREDIS",
        careType: "ALSH mercredis",
        category: "Périscolaire (mercredi)",
        realisedUnder6: h(9.5),
        realised6Plus: h(9),
        billedUnder6: h(11),
        billed6Plus: h(11.5),
        childrenUnder6: 2,
        children6Plus: 1,
      },
    ]);

    const csv = cafFiguresCsv(after).split("\n");
    expect(csv[0]).toBe(
      "Nom;Prénom;Date de naissance;N° allocataire;Type d'accueil;Catégorie CAF;Heures réalisées moins de 6 ans;Heures réalisées 6 ans et plus;Heures réalisées total;Heures facturées moins de 6 ans;Heures facturées 6 ans et plus;Heures facturées total",
    );
    expect(csv[1]).toBe("CAF;Alice;10/05/2022;1234567;ALSH mercredis;Périscolaire (mercredi);5,50;0,00;5,50;7,00;0,00;7,00");
    expect(csv[3]).toBe("CAF;Chloé;18/11/2020;1234567;ALSH mercredis;Périscolaire (mercredi);4,00;4,00;8,00;4,00;4,00;8,00");
    expect(csv[2]).toBe("CAF;Bruno;01/01/2019;1234567;ALSH mercredis;Périscolaire (mercredi);0,00;5,00;5,00;0,00;7,50;7,50");
    expect(csv[4]).toBe(
      "Total;2 enfant(s) de moins de 6 ans, 1 de 6 ans et plus;;;ALSH mercredis;Périscolaire (mercredi);9,50;9,00;18,50;11,00;11,50;22,50",
    );

    // The year holds the month; October holds nothing.
    const year = await computeCafFigures({ ...november, from: "2026-01-01", to: "2026-12-31" });
    expect(year.totals[0]!.realisedUnder6).toBe(h(9.5));
    expect((await computeCafFigures({ ...november, from: "2026-10-01", to: "2026-10-31" })).rows).toEqual([]);
  });

  it("a formula typed as a name stays text in the CSV", async () => {
    const { w, family } = await handMadeMonth();
    await prisma.child.update({ where: { id: family.children[0]!.id }, data: { lastName: "=HYPERLINK(1)" } });
    const csv = cafFiguresCsv(
      await computeCafFigures({ structureId: w.structure.id, from: "2026-11-01", to: "2026-11-30", scope: ALL_LIEUX }),
    );
    expect(csv).toContain("'=HYPERLINK(1)");
  });

  it("another lieu than the staff's is a missing one", async () => {
    const { w } = await handMadeMonth();
    await expect(
      computeCafFigures({ structureId: w.structure.id, from: "2026-11-01", to: "2026-11-30", scope: { structureIds: ["ailleurs"] } }),
    ).rejects.toThrow(NotFoundError);
  });
});
