import { describe, expect, it } from "vitest";
import { listFamilyMonthBatches, listFilteredRequests, pageReservationQueue } from "@/lib/reservations/list-reservation-queue";
import { listInscriptionQueue } from "@/lib/inscriptions/list-inscriptions";
import { ALL_LIEUX, scopeOf } from "@/lib/auth/staff-scope";
import { readSlotUsage, slotUsage } from "@/lib/reservations/slots";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma } from "./helpers";

// The staff queues read one page in the database (ADR 043): disjoint pages covering the queue, a page past the end
// read as the last one, the search and the sort done in SQL, the family-month batches whole, the scope kept.
describe("staff queues paged on the server", () => {
  it("reservation requests: pages of n, clamped, searched and sorted; the batches of a page's families are whole", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-03-31",
      weekdays: [3],
      units: [{ name: "Journée", capacity: 50 }],
    });
    const days = w.openingDays.slice(0, 4);
    const families = [];
    for (const name of ["Abel", "Bruno", "Carla"]) {
      const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-01-01", sex: "F" }] });
      const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
      families.push(f);
      // Sent one after the other: Abel's four first, then Bruno's, then Carla's.
      for (const [i, day] of days.entries())
        await prisma.reservation.create({
          data: {
            inscriptionId: inscription.id,
            timeUnitId: w.units[0]!.id,
            date: new Date(`${day}T00:00:00Z`),
            status: "REQUESTED",
            createdAt: new Date(Date.UTC(2026, 11, 1, 8, families.length, i)),
          },
        });
    }
    const filters = { activityId: w.activity.id };
    const page = (n: number, extra: Partial<Parameters<typeof pageReservationQueue>[2]> = {}) =>
      pageReservationQueue(filters, ALL_LIEUX, { kind: "requests", page: n, pageSize: 5, ...extra });
    const [p1, p2, p3] = [await page(1), await page(2), await page(3)];
    expect([p1.total, p1.pageCount, p1.items.length, p2.items.length, p3.items.length]).toEqual([12, 3, 5, 5, 2]);
    const seen = [...p1.items, ...p2.items, ...p3.items].map((q) => q.id);
    expect(new Set(seen).size).toBe(12);
    // Oldest first: Abel's four, then Bruno's first.
    expect(p1.items.map((q) => q.child.firstName)).toEqual(["Abel", "Abel", "Abel", "Abel", "Bruno"]);
    // Past the end (the last rows just decided): the last page.
    const past = await page(9);
    expect([past.page, past.items.map((q) => q.id)]).toEqual([3, p3.items.map((q) => q.id)]);
    // Searched in the database, accents and case as typed by the desk (« carla »).
    const carla = await page(1, { words: ["carla"] });
    expect([carla.total, new Set(carla.items.map((q) => q.family.name))]).toEqual([4, new Set(["Famille CARLA"])]);
    expect((await page(1, { words: ["carla", "journée"] })).total).toBe(4);
    expect((await page(1, { words: ["carla", "bruno"] })).total).toBe(0);
    // Sorted by family, descending: Carla first.
    expect((await page(1, { sort: { key: "famille", desc: true } })).items[0]!.child.firstName).toBe("Carla");
    // Page 1 shows Abel's four and one of Bruno's: Bruno's batch still counts and decides his four.
    const batches = await listFamilyMonthBatches(filters, ALL_LIEUX, [...new Set(p1.items.map((q) => q.family.id))]);
    expect(batches.map((b) => [b.family.name, b.month, b.ids.length])).toEqual([
      ["Famille ABEL", "2027-01", 4],
      ["Famille BRUNO", "2027-01", 4],
    ]);
    const all = await listFilteredRequests(filters, ALL_LIEUX, 10);
    expect([all.ids.length, all.families]).toEqual([10, 3]);
    // Another lieu's agent sees none of it, neither rows nor batches.
    const elsewhere = scopeOf("STAFF", [(await prisma.structure.create({ data: { name: `Ailleurs ${w.activity.id}` } })).id]);
    expect((await pageReservationQueue(filters, elsewhere, { kind: "requests", page: 1, pageSize: 5 })).total).toBe(0);
    expect(await listFamilyMonthBatches(filters, elsewhere, [families[0]!.family.id])).toEqual([]);
    // Each row's places (ADR 047: one statement for the page) are those slotUsage counts: a booking and a waiting
    // request on the first day, the second day's own number of places.
    const dora = await createFamily(prisma, { lastName: "Dora", children: [{ firstName: "Dora", birthDate: "2018-01-01", sex: "F" }] });
    const other = await inscribe(prisma, w, dora.family, dora.children[0]!.id);
    const at = (d: string) => new Date(`${d}T00:00:00Z`);
    await prisma.reservation.createMany({
      data: [
        { inscriptionId: other.id, timeUnitId: w.units[0]!.id, date: at(days[0]!), status: "RESERVED" },
        { inscriptionId: other.id, timeUnitId: w.units[0]!.id, date: at(w.openingDays[4]!), status: "WAITLISTED", waitlistRank: 1 },
      ],
    });
    await prisma.capacityOverride.create({ data: { timeUnitId: w.units[0]!.id, date: at(days[1]!), capacity: 7 } });
    const five = w.openingDays.slice(0, 5);
    const usage = await slotUsage(prisma, [w.units[0]!.id], { in: five.map(at) });
    const read = await readSlotUsage([w.units[0]!.id], five);
    for (const d of five) expect(read(w.units[0]!.id, d, 50)).toEqual(usage(w.units[0]!.id, d, 50));
    expect(five.map((d) => read(w.units[0]!.id, d, 50))).toEqual([
      { booked: 4, capacity: 50, waiting: 0 },
      { booked: 3, capacity: 7, waiting: 0 },
      { booked: 3, capacity: 50, waiting: 0 },
      { booked: 3, capacity: 50, waiting: 0 },
      { booked: 0, capacity: 50, waiting: 1 },
    ]);
    expect((await page(1)).items[0]!.availability).toEqual({ booked: 4, capacity: 50, waiting: 0 });
  });

  it("inscription requests: a page of the queue, the waiting ones with their position and who waits before them", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-03-31",
      weekdays: [3],
      units: [{ name: "Journée", capacity: 5 }],
    });
    const asked = [];
    for (const [i, name] of ["Dora", "Elio", "Fanny", "Gaspard"].entries()) {
      const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-01-01", sex: "F" }] });
      const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id, i === 0 ? "PENDING" : "WAITLISTED");
      asked.push(
        await prisma.inscription.update({
          where: { id: inscription.id },
          data: { waitlistRank: i === 0 ? null : i, createdAt: new Date(Date.UTC(2026, 11, 1, 8, i)) },
        }),
      );
    }
    const queue = await listInscriptionQueue({ activityId: w.activity.id }, ALL_LIEUX, { page: 2, pageSize: 2 });
    expect([queue.total, queue.pageCount, queue.page]).toEqual([4, 2, 2]);
    expect(queue.items.map((r) => [r.child.firstName, r.position, r.waitsBehind])).toEqual([
      ["Fanny", 2, "Elio Elio"],
      ["Gaspard", 3, "Elio Elio"],
    ]);
    const first = await listInscriptionQueue({ activityId: w.activity.id }, ALL_LIEUX, { page: 1, pageSize: 2 });
    expect(first.items.map((r) => [r.child.firstName, r.position, r.waitsBehind])).toEqual([
      ["Dora", null, null],
      ["Elio", 1, null],
    ]);
    expect((await listInscriptionQueue({ activityId: w.activity.id, words: ["gasp"] }, ALL_LIEUX)).items.map((r) => r.id)).toEqual([
      asked[3]!.id,
    ]);
  });
});
