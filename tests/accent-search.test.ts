import { describe, expect, it } from "vitest";
import { pageReservationQueue } from "@/lib/reservations/list-reservation-queue";
import { listInscriptionQueue } from "@/lib/inscriptions/list-inscriptions";
import { searchFamilies } from "@/lib/families/search-families";
import { foldWord } from "@/lib/staff/accent-search";
import { ALL_LIEUX, scopeOf } from "@/lib/auth/staff-scope";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma } from "./helpers";

// Staff searches ignore accents as well as case: the desk types « Zelie » for « Zélie », « OEUVRAY » for « Œuvray ».
describe("staff searches ignore accents and case", () => {
  it("folds a word as the names are folded in SQL", () => {
    expect(foldWord("ZÉLIE Hélène Œuvray Læticia Łukasz")).toBe("zelie helene oeuvray laeticia lukasz");
  });

  it("the reservation and inscription queues and the family search find « Zélie Œuvray » typed without accents, and nothing more", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-03-31",
      weekdays: [3],
      units: [{ name: "Après-midi", capacity: 5 }],
    });
    const tag = Math.random().toString(36).slice(2, 8);
    const zelie = await createFamily(prisma, {
      lastName: `Œuvray${tag}`,
      children: [{ firstName: "Zélie", birthDate: "2018-01-01", sex: "F" }],
    });
    const other = await createFamily(prisma, {
      lastName: `Zeller${tag}`,
      children: [{ firstName: "Zoé", birthDate: "2018-01-01", sex: "F" }],
    });
    for (const f of [zelie, other]) {
      const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
      await prisma.reservation.create({
        data: {
          inscriptionId: inscription.id,
          timeUnitId: w.units[0]!.id,
          date: new Date(`${w.openingDays[0]}T00:00:00Z`),
          status: "REQUESTED",
        },
      });
      await prisma.inscription.create({
        data: {
          familyId: f.family.id,
          childId: f.children[0]!.id,
          activityId: w.activity.id,
          periodId: w.period.id,
          status: "PENDING",
          startDate: w.period.startDate,
          endDate: w.period.endDate,
        },
      });
    }
    const reservations = (words: string[]) =>
      pageReservationQueue({ activityId: w.activity.id }, ALL_LIEUX, { kind: "requests", page: 1, pageSize: 20, words }).then((p) =>
        p.items.map((q) => q.child.firstName),
      );
    expect(await reservations(["zelie"])).toEqual(["Zélie"]);
    expect(await reservations(["ZELIE", `oeuvray${tag}`])).toEqual(["Zélie"]);
    expect(await reservations(["apres-midi"])).toHaveLength(2);
    expect(await reservations(["zelie", `zeller${tag}`])).toEqual([]);
    // `%` and `_` typed are plain characters, not wildcards.
    expect(await reservations(["%"])).toEqual([]);
    expect(await reservations(["z_lie"])).toEqual([]);

    const inscriptions = (words: string[]) =>
      listInscriptionQueue({ activityId: w.activity.id, words }, ALL_LIEUX).then((q) => q.items.map((r) => r.child.firstName));
    expect(await inscriptions(["zelie"])).toEqual(["Zélie"]);
    expect(await inscriptions(["zoe"])).toEqual(["Zoé"]);

    expect((await searchFamilies(`oeuvray${tag}`)).map((f) => f.id)).toEqual([zelie.family.id]);
    expect((await searchFamilies(`OEUVRAY${tag}`)).map((f) => f.id)).toEqual([zelie.family.id]);

    // The words never widen the scope: another lieu's agent finds nothing.
    const elsewhere = scopeOf("STAFF", [(await prisma.structure.create({ data: { name: `Ailleurs ${tag}` } })).id]);
    expect((await pageReservationQueue({}, elsewhere, { kind: "requests", page: 1, pageSize: 20, words: ["zelie"] })).total).toBe(0);
    expect((await listInscriptionQueue({ words: ["zelie"] }, elsewhere)).total).toBe(0);
  });
});
