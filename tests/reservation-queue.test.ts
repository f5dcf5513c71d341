import { describe, expect, it } from "vitest";
import { listReservationQueue } from "@/lib/reservations/list-reservation-queue";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { askCancellation } from "@/lib/reservations/change-reservation";
import { acceptReservations } from "@/lib/reservations/decide-reservations";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

const NOW = new Date("2026-12-01T10:00:00Z");

describe("the staff queue of reservation requests (used by the console of the next issue)", () => {
  it("lists DR, waiting requests and DA oldest first, with the live availability of each unit-day and the decision the deadline proposes", async () => {
    const w = await createBookableWorld(prisma, { start: "2027-01-04", end: "2027-03-31", weekdays: [3], units: [{ name: "Journée", capacity: 1 }, { name: "Matin", capacity: 5 }], cancellationDeadline: "J-7 10:00" });
    const parent = async (name: string) => {
      const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-01-01", sex: "F" }] });
      return { ...f, inscription: await inscribe(prisma, w, f.family, f.children[0]!.id), actor: actorFromUser(f.user) };
    };
    const [a, b, c] = [await parent("Ana"), await parent("Bob"), await parent("Céline")];
    const send = (p: typeof a, unit: number, day: string, now = NOW) => requestReservations({ familyId: p.family.id, cells: [{ inscriptionId: p.inscription.id, timeUnitId: w.units[unit]!.id, day }], actor: p.actor, now });
    await send(a, 0, "2027-01-06");
    await send(b, 0, "2027-01-06");
    await send(c, 1, "2027-01-13");
    await send(c, 1, "2027-01-20");
    const booked = await prisma.reservation.findMany({ where: { inscriptionId: c.inscription.id }, orderBy: { date: "asc" } });
    await acceptReservations({ ids: booked.map((r) => r.id), actor: await staffActor(), now: NOW });
    const asked = new Date("2027-01-08T12:00:00Z"); // after J-7 for the 13th, in time for the 20th
    for (const r of booked) await askCancellation({ familyId: c.family.id, reservationId: r.id, actor: c.actor, now: asked });

    const queue = await listReservationQueue({ activityId: w.activity.id });
    expect(queue.map((q) => [q.child.firstName, q.status, q.day, q.proposedCancellation])).toEqual([
      ["Ana", "REQUESTED", "2027-01-06", null],
      ["Bob", "WAITLISTED", "2027-01-06", null],
      ["Céline", "CANCELLATION_REQUESTED", "2027-01-13", "BILLED"],
      ["Céline", "CANCELLATION_REQUESTED", "2027-01-20", "EXCUSED"],
    ]);
    expect(queue[0]!.availability).toEqual({ booked: 1, capacity: 1, waiting: 1 });
    expect(queue[2]!.availability).toEqual({ booked: 1, capacity: 5, waiting: 0 });
    // Family and month: Céline's two DAs of January are one batch.
    expect(new Set(queue.map((q) => q.group)).size).toBe(3);
    expect(await listReservationQueue({ activityId: w.activity.id, timeUnitId: w.units[1]!.id, from: "2027-01-15" })).toHaveLength(1);
  });
});
