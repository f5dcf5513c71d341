import { describe, expect, it } from "vitest";
import { listReservationQueue } from "@/lib/reservations/list-reservation-queue";
import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { askCancellation, withdrawReservation } from "@/lib/reservations/change-reservation";
import { acceptReservations, refuseReservations } from "@/lib/reservations/decide-reservations";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

const NOW = new Date("2026-12-01T10:00:00Z");

describe("the staff queue of reservation requests (used by the console of the next issue)", () => {
  it("lists DR, waiting requests and DA oldest first, with the live availability of each unit-day and the decision the deadline proposes", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-03-31",
      weekdays: [3],
      units: [
        { name: "Journée", capacity: 1 },
        { name: "Matin", capacity: 5 },
      ],
      cancellationDeadline: "J-7 10:00",
    });
    const parent = async (name: string) => {
      const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-01-01", sex: "F" }] });
      return { ...f, inscription: await inscribe(prisma, w, f.family, f.children[0]!.id), actor: actorFromUser(f.user) };
    };
    const [a, b, c] = [await parent("Ana"), await parent("Bob"), await parent("Céline")];
    const send = (p: typeof a, unit: number, day: string, now = NOW) =>
      requestReservations({
        familyId: p.family.id,
        cells: [{ inscriptionId: p.inscription.id, timeUnitId: w.units[unit]!.id, day }],
        actor: p.actor,
        now,
      });
    await send(a, 0, "2027-01-06");
    await send(b, 0, "2027-01-06");
    await send(c, 1, "2027-01-13");
    await send(c, 1, "2027-01-20");
    const booked = await prisma.reservation.findMany({ where: { inscriptionId: c.inscription.id }, orderBy: { date: "asc" } });
    await acceptReservations({ ids: booked.map((r) => r.id), actor: await staffActor(), now: NOW });
    const asked = new Date("2027-01-08T12:00:00Z"); // after J-7 for the 13th, in time for the 20th
    for (const r of booked) await askCancellation({ familyId: c.family.id, reservationId: r.id, actor: c.actor, now: asked });

    const queue = await listReservationQueue({ activityId: w.activity.id }, ALL_LIEUX);
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
    expect(
      await listReservationQueue({ activityId: w.activity.id, timeUnitId: w.units[1]!.id, from: "2027-01-15" }, ALL_LIEUX),
    ).toHaveLength(1);
  });

  it("a bulk decision with one request changed in between: the others still apply, each family in its own transaction with its one e-mail", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-03-31",
      weekdays: [3],
      units: [{ name: "Journée", capacity: 10 }],
    });
    const fams = [];
    for (const name of ["Dina", "Eli", "Farah"]) {
      const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-01-01", sex: "F" }] });
      fams.push({ ...f, inscription: await inscribe(prisma, w, f.family, f.children[0]!.id), actor: actorFromUser(f.user) });
    }
    const days = ["2027-01-06", "2027-01-13", "2027-01-20"];
    for (const f of fams)
      await requestReservations({
        familyId: f.family.id,
        cells: days.map((day) => ({ inscriptionId: f.inscription.id, timeUnitId: w.units[0]!.id, day })),
        actor: f.actor,
        now: NOW,
      });
    const queue = await listReservationQueue({ activityId: w.activity.id }, ALL_LIEUX);
    expect(queue).toHaveLength(9);
    // Staff tick all nine; meanwhile Eli withdraws the 13th.
    const eli13 = queue.find((q) => q.child.firstName === "Eli" && q.day === "2027-01-13")!;
    await withdrawReservation({ familyId: fams[1]!.family.id, reservationId: eli13.id, actor: fams[1]!.actor, now: NOW });
    const report = await acceptReservations({ ids: queue.map((q) => q.id), actor: await staffActor(), now: NOW });
    expect(report.done).toHaveLength(8);
    expect(report.notDone).toEqual([
      {
        id: eli13.id,
        message: "Eli, Journée, mercredi 13 janvier 2027 : la demande a changé entre-temps (retirée), elle n'a pas été décidée.",
      },
    ]);
    const statuses = await prisma.reservation.findMany({
      where: { inscription: { activityId: w.activity.id } },
      select: { id: true, status: true },
    });
    expect(statuses.filter((r) => r.status === "RESERVED")).toHaveLength(8);
    for (const f of fams) {
      const mails = await prisma.emailOutbox.findMany({ where: { familyId: f.family.id, template: "reservation-accepted" } });
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text.match(/Temps d'accueil : Journée - Réservation/g)).toHaveLength(f === fams[1] ? 2 : 3);
    }
    // A refusal needs a reason and changes nothing without one.
    await expect(refuseReservations({ ids: [queue[0]!.id], reason: " ", actor: await staffActor() })).rejects.toThrow("Motif");
  });
});
