import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { describe, expect, it } from "vitest";
import { requestReservations, MAX_CELLS_PER_SEND, type CellRequest } from "@/lib/reservations/request-reservations";
import { askCancellation, withdrawReservation } from "@/lib/reservations/change-reservation";
import { acceptReservations, decideCancellations, refuseReservations } from "@/lib/reservations/decide-reservations";
import { setCapacityOverride } from "@/lib/activities/set-capacity-override";
import { getFamilyDashboard } from "@/lib/families/get-family-dashboard";
import { addUnitRule, deleteUnitRule } from "@/lib/activities/manage-unit-rules";
import { previewPeriod } from "@/lib/reservations/reserve-period";
import { getMonthCalendar } from "@/lib/reservations/get-month-calendar";
import { actorFromUser, InscriptionNotValidatedError, NotFoundError } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

const NOW = new Date("2026-12-01T10:00:00Z");
const WEDNESDAYS = ["2027-01-06", "2027-01-13", "2027-01-20"];

async function world(options: Partial<Parameters<typeof createBookableWorld>[1]> = {}) {
  return createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-03-31",
    weekdays: [3],
    units: [
      { name: "Matin avec repas", capacity: 10, prices: [400, 600, 800, 1000] },
      { name: "Après-midi", capacity: 10 },
      { name: "Journée complète", capacity: 10 },
    ],
    ...options,
  });
}

async function parentIn(w: Awaited<ReturnType<typeof world>>, firstName = "Léa") {
  const f = await createFamily(prisma, { children: [{ firstName, birthDate: "2018-03-02", sex: "F" }] });
  const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
  return { ...f, inscription, actor: actorFromUser(f.user) };
}

const cells = (inscriptionId: string, timeUnitId: string, days: string[]): CellRequest[] =>
  days.map((day) => ({ inscriptionId, timeUnitId, day }));

describe("requestReservations", () => {
  it("sends three Wednesdays as DR; staff accept them → R, and the e-mail lists every date and unit", async () => {
    const w = await world();
    const p = await parentIn(w);
    const unit = w.units[0]!;
    const outcomes = await requestReservations({
      familyId: p.family.id,
      cells: cells(p.inscription.id, unit.id, WEDNESDAYS),
      actor: p.actor,
      now: NOW,
    });
    expect(outcomes.map((o) => o.outcome)).toEqual(["REQUESTED", "REQUESTED", "REQUESTED"]);
    const receipt = await prisma.emailOutbox.findFirstOrThrow({ where: { familyId: p.family.id, template: "reservation-receipt" } });
    expect(receipt.text).toContain("mercredi 6 janvier 2027 - Temps d'accueil : Matin avec repas - Demande de réservation envoyée");

    const rows = await prisma.reservation.findMany({ where: { inscriptionId: p.inscription.id } });
    const result = await acceptReservations({ ids: rows.map((r) => r.id), actor: await staffActor(), now: NOW });
    expect(result).toEqual({ done: rows.map((r) => r.id), notDone: [] });
    expect(await prisma.reservation.count({ where: { inscriptionId: p.inscription.id, status: "RESERVED" } })).toBe(3);
    const email = await prisma.emailOutbox.findFirstOrThrow({ where: { familyId: p.family.id, template: "reservation-accepted" } });
    expect(email.text).toContain("Les demandes de réservations pour Léa Testeur ont été validées.");
    expect(email.text).toContain(
      "Les réservations validées sont comprises entre le mercredi 6 janvier 2027 et le mercredi 20 janvier 2027.",
    );
    for (const day of ["mercredi 6 janvier 2027", "mercredi 13 janvier 2027", "mercredi 20 janvier 2027"])
      expect(email.text).toContain(`${day} - Temps d'accueil : Matin avec repas - Réservation`);
  });

  it("lists the receipt's lines in the order of the days and of the units, across months", async () => {
    const w = await world();
    const p = await parentIn(w);
    const [matin, apresMidi] = w.units as [(typeof w.units)[0], (typeof w.units)[0]];
    await requestReservations({
      familyId: p.family.id,
      actor: p.actor,
      now: NOW,
      cells: [
        { inscriptionId: p.inscription.id, timeUnitId: apresMidi.id, day: "2027-02-03" },
        { inscriptionId: p.inscription.id, timeUnitId: matin.id, day: "2027-02-03" },
        { inscriptionId: p.inscription.id, timeUnitId: apresMidi.id, day: "2027-01-13" },
      ],
    });
    const receipt = await prisma.emailOutbox.findFirstOrThrow({ where: { familyId: p.family.id, template: "reservation-receipt" } });
    const lines = receipt.text.split("\n").filter((l) => l.includes("Temps d'accueil"));
    expect(lines).toEqual([
      "mercredi 13 janvier 2027 - Temps d'accueil : Après-midi - Demande de réservation envoyée",
      "mercredi 3 février 2027 - Temps d'accueil : Matin avec repas - Demande de réservation envoyée",
      "mercredi 3 février 2027 - Temps d'accueil : Après-midi - Demande de réservation envoyée",
    ]);
  });

  it("gives R at once when the activity validates automatically, and a repeated send changes nothing", async () => {
    const w = await world({ automatic: true });
    const p = await parentIn(w);
    const send = () =>
      requestReservations({ familyId: p.family.id, cells: cells(p.inscription.id, w.units[0]!.id, WEDNESDAYS), actor: p.actor, now: NOW });
    expect((await send()).map((o) => o.outcome)).toEqual(["RESERVED", "RESERVED", "RESERVED"]);
    await expectNothingChanged(async () => {
      expect((await send()).map((o) => o.outcome)).toEqual(["ALREADY", "ALREADY", "ALREADY"]);
    });
    const log = await prisma.transitionLog.findMany({
      where: { entityId: (await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: p.inscription.id } })).id },
      orderBy: { createdAt: "asc" },
    });
    expect(log.map((l) => [l.fromStatus, l.toStatus, l.actorRole])).toEqual([
      [null, "REQUESTED", "PARENT"],
      ["REQUESTED", "RESERVED", "SYSTEM"],
    ]);
  });

  it("refuses, cell by cell, a day whose booking deadline has passed, saying until when it was open", async () => {
    const w = await world({ bookingDeadline: "J-2 10:00" });
    const p = await parentIn(w);
    const late = new Date("2027-01-11T09:30:00Z"); // Monday 10:30 in Paris: the 13th closed on Monday 10:00.
    const outcomes = await requestReservations({
      familyId: p.family.id,
      cells: cells(p.inscription.id, w.units[0]!.id, ["2027-01-13", "2027-01-20"]),
      actor: p.actor,
      now: late,
    });
    expect(outcomes[0]).toMatchObject({ outcome: "REFUSED", message: "Délai de réservation dépassé (jusqu'au 11/01/2027 à 10\u00a0h)." });
    expect(outcomes[1]).toMatchObject({ outcome: "REQUESTED" });
  });

  it("applies the rules between units: incompatible units, and a unit that requires another", async () => {
    const w = await world();
    const [matin, apresMidi, journee] = w.units as [(typeof w.units)[0], (typeof w.units)[0], (typeof w.units)[0]];
    await prisma.timeUnitRule.createMany({
      data: [
        { kind: "INCOMPATIBLE", unitId: journee.id, otherUnitId: matin.id },
        { kind: "REQUIRES", unitId: apresMidi.id, otherUnitId: matin.id },
      ],
    });
    const p = await parentIn(w);
    const day = "2027-01-06";
    const send = (units: string[]) =>
      requestReservations({
        familyId: p.family.id,
        cells: units.map((timeUnitId) => ({ inscriptionId: p.inscription.id, timeUnitId, day })),
        actor: p.actor,
        now: NOW,
      });
    // Après-midi alone: it needs the morning.
    expect(await send([apresMidi.id])).toMatchObject([
      { outcome: "REFUSED", message: "« Après-midi » nécessite aussi « Matin avec repas » le même jour." },
    ]);
    // Journée + Matin: both refused, Après-midi refused with them (its morning is refused).
    const both = await send([journee.id, matin.id, apresMidi.id]);
    expect(both.map((o) => o.outcome)).toEqual(["REFUSED", "REFUSED", "REFUSED"]);
    expect(both[0]).toMatchObject({ message: "« Journée complète » ne peut pas être réservé le même jour que « Matin avec repas »." });
    // Matin + Après-midi together are fine; then withdrawing the morning alone is refused.
    expect((await send([matin.id, apresMidi.id])).map((o) => o.outcome)).toEqual(["REQUESTED", "REQUESTED"]);
    const morning = await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: p.inscription.id, timeUnitId: matin.id } });
    await expectNothingChanged(async () =>
      expect(withdrawReservation({ familyId: p.family.id, reservationId: morning.id, actor: p.actor, now: NOW })).rejects.toThrow(
        "« Après-midi » nécessite « Matin avec repas » : annulez d'abord « Après-midi ».",
      ),
    );
  });

  it("the period preview applies the rules between units: what would be refused is said and not counted", async () => {
    const w = await world();
    const [matin, apresMidi] = w.units as [(typeof w.units)[0], (typeof w.units)[0]];
    await addUnitRule({ unitId: apresMidi.id, kind: "REQUIRES", otherUnitId: matin.id }, ALL_LIEUX);
    const p = await parentIn(w);
    const preview = await previewPeriod({
      familyId: p.family.id,
      inscriptionId: p.inscription.id,
      startDate: "2027-01-04",
      endDate: "2027-01-24",
      weekType: "ALL",
      slots: [`3:${apresMidi.id}`],
      now: NOW,
    });
    expect(preview.cells).toEqual([]);
    expect(preview.totalCents).toBe(0);
    expect(preview.skipped.rules).toEqual(
      WEDNESDAYS.map((day) => ({ day, message: "« Après-midi » nécessite aussi « Matin avec repas » le même jour." })),
    );
    const both = await previewPeriod({
      familyId: p.family.id,
      inscriptionId: p.inscription.id,
      startDate: "2027-01-04",
      endDate: "2027-01-24",
      weekType: "ALL",
      slots: [`3:${apresMidi.id}`, `3:${matin.id}`],
      now: NOW,
    });
    expect(both.cells).toHaveLength(6);
    expect(both.totalCents).toBe(3 * (600 + 200));
  });

  it("staff set the rules: units of one activity, one incompatibility per pair, no duplicate", async () => {
    const w = await world();
    const other = await world();
    const [matin, apresMidi] = w.units as [(typeof w.units)[0], (typeof w.units)[0]];
    const rule = await addUnitRule({ unitId: matin.id, kind: "INCOMPATIBLE", otherUnitId: apresMidi.id }, ALL_LIEUX);
    await expectNothingChanged(async () => {
      await expect(addUnitRule({ unitId: apresMidi.id, kind: "INCOMPATIBLE", otherUnitId: matin.id }, ALL_LIEUX)).rejects.toThrow(
        "Règle : cette incompatibilité existe déjà.",
      );
      await expect(addUnitRule({ unitId: matin.id, kind: "INCOMPATIBLE", otherUnitId: apresMidi.id }, ALL_LIEUX)).rejects.toThrow(
        "Règle : elle existe déjà.",
      );
      await expect(addUnitRule({ unitId: matin.id, kind: "REQUIRES", otherUnitId: other.units[0]!.id }, ALL_LIEUX)).rejects.toThrow(
        "Autre unité : elle doit être de la même activité.",
      );
      await expect(addUnitRule({ unitId: matin.id, kind: "REQUIRES", otherUnitId: "inexistant" }, ALL_LIEUX)).rejects.toThrow(
        NotFoundError,
      );
    });
    await deleteUnitRule(rule.id, ALL_LIEUX);
    await expect(deleteUnitRule(rule.id, ALL_LIEUX)).rejects.toThrow(NotFoundError);
  });

  it("refuses tampered or impossible input as a whole, writing nothing", async () => {
    const w = await world();
    const other = await world();
    const p = await parentIn(w);
    const stranger = await parentIn(w, "Inès");
    const unit = w.units[0]!.id;
    const send = (c: CellRequest[]) => requestReservations({ familyId: p.family.id, cells: c, actor: p.actor, now: NOW });
    await expectNothingChanged(async () => {
      await expect(send(cells(stranger.inscription.id, unit, ["2027-01-06"]))).rejects.toThrow(NotFoundError);
      await expect(
        send([...cells(p.inscription.id, unit, ["2027-01-06"]), ...cells(stranger.inscription.id, unit, ["2027-01-06"])]),
      ).rejects.toThrow(NotFoundError);
      await expect(send(cells("inexistant", unit, ["2027-01-06"]))).rejects.toThrow(NotFoundError);
      await expect(send(cells(p.inscription.id, other.units[0]!.id, ["2027-01-06"]))).rejects.toThrow(NotFoundError);
      await expect(send(cells(p.inscription.id, unit, ["2027-04-07"]))).rejects.toThrow(
        "Le mercredi 7 avril 2027 est en dehors des dates de l'inscription de Léa.",
      );
      await expect(send(cells(p.inscription.id, unit, ["2027-01-07"]))).rejects.toThrow(
        `Le jeudi 7 janvier 2027 n'est pas un jour d'ouverture de ${w.activity.name}.`,
      );
      const many = Array.from({ length: MAX_CELLS_PER_SEND + 1 }, (_, i) => ({
        inscriptionId: p.inscription.id,
        timeUnitId: unit,
        day: `2027-01-${String((i % 28) + 1).padStart(2, "0")}#${i}`,
      }));
      await expect(send(many)).rejects.toThrow(
        "Trop de demandes en une fois (1\u202f001) : 1\u202f000 au plus. Envoyez-les en plusieurs fois.",
      );
      await expect(send([])).rejects.toThrow("Sélectionnez au moins une case du calendrier.");
    });
  });

  it("never books in an inscription that is not validated, even with its real ids", async () => {
    const w = await world();
    for (const status of ["PENDING", "REFUSED", "CANCELLED", "WAITLISTED"] as const) {
      const f = await createFamily(prisma, { children: [{ firstName: "Tom", birthDate: "2018-03-02", sex: "M" }] });
      const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id, status);
      await expectNothingChanged(async () =>
        expect(
          requestReservations({
            familyId: f.family.id,
            cells: cells(inscription.id, w.units[0]!.id, ["2027-01-06"]),
            actor: actorFromUser(f.user),
            now: NOW,
          }),
        ).rejects.toThrow(InscriptionNotValidatedError),
      );
    }
  });
});

describe("capacity and the waiting list", () => {
  it("50 parallel requests for the last place: exactly 1 booked, 49 waiting with ranks 1…49; cancelling the booked one promotes rank 1", async () => {
    const w = await world({ automatic: true, units: [{ name: "Journée", capacity: 3 }] });
    const unit = w.units[0]!;
    const day = "2027-01-06";
    // Two places already taken: one left.
    for (const name of ["Ana", "Bob"]) {
      const p = await parentIn(w, name);
      await requestReservations({ familyId: p.family.id, cells: cells(p.inscription.id, unit.id, [day]), actor: p.actor, now: NOW });
    }
    const parents = await Promise.all(Array.from({ length: 50 }, (_, i) => parentIn(w, `Enfant${i}`)));
    const results = await Promise.all(
      parents.map((p) =>
        requestReservations({ familyId: p.family.id, cells: cells(p.inscription.id, unit.id, [day]), actor: p.actor, now: NOW }),
      ),
    );
    const outcomes = results.map((r) => r[0]!);
    expect(outcomes.filter((o) => o.outcome === "RESERVED")).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === "WAITLISTED")).toHaveLength(49);
    expect(outcomes.flatMap((o) => (o.outcome === "WAITLISTED" ? [o.position] : [])).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 49 }, (_, i) => i + 1),
    );
    const slot = { timeUnitId: unit.id, date: new Date(`${day}T00:00:00Z`) };
    expect(await prisma.reservation.count({ where: { ...slot, status: "RESERVED" } })).toBe(3);
    const ranks = (await prisma.reservation.findMany({ where: { ...slot, status: "WAITLISTED" }, select: { waitlistRank: true } }))
      .map((r) => r.waitlistRank)
      .sort((a, b) => a! - b!);
    expect(ranks).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));

    const winner = parents[outcomes.findIndex((o) => o.outcome === "RESERVED")]!;
    const first = await prisma.reservation.findFirstOrThrow({ where: { ...slot, waitlistRank: 1 }, include: { inscription: true } });
    const booked = await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: winner.inscription.id } });
    expect(await askCancellation({ familyId: winner.family.id, reservationId: booked.id, actor: winner.actor, now: NOW })).toEqual({
      status: "ABSENT_EXCUSED",
      inTime: true,
    });
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("RESERVED");
    expect(await prisma.reservation.count({ where: { ...slot, status: "RESERVED" } })).toBe(3);
    expect(await prisma.reservation.count({ where: { ...slot, status: "WAITLISTED" } })).toBe(48);
    const promoted = await prisma.emailOutbox.findFirstOrThrow({
      where: { familyId: first.inscription.familyId, template: "reservation-promoted" },
    });
    expect(promoted.text).toContain("mercredi 6 janvier 2027 - Temps d'accueil : Journée - Réservation validée");
  });

  it("an age group's own places per unit and day send the next child of that group to the waiting list", async () => {
    const w = await world({ automatic: true, units: [{ name: "Journée", capacity: 10 }], unitCapacityPerGroup: 1 });
    const a = await parentIn(w, "Ana");
    const b = await parentIn(w, "Bob");
    const day = ["2027-01-06"];
    expect(
      (
        await requestReservations({ familyId: a.family.id, cells: cells(a.inscription.id, w.units[0]!.id, day), actor: a.actor, now: NOW })
      )[0]!.outcome,
    ).toBe("RESERVED");
    expect(
      (
        await requestReservations({ familyId: b.family.id, cells: cells(b.inscription.id, w.units[0]!.id, day), actor: b.actor, now: NOW })
      )[0],
    ).toMatchObject({ outcome: "WAITLISTED", position: 1 });
    // The calendar of a third child of the group says it before: plus de place (the unit has 9 left); another day, the group's one place.
    const c = await parentIn(w, "Céline");
    const calendar = (await getMonthCalendar({ familyId: c.family.id, inscriptionId: c.inscription.id, month: "2027-01", now: NOW }))!;
    expect(calendar.days.find((d) => d.day === "2027-01-06")!.lanes[0]!.cells[0]).toEqual({ kind: "FULL", waiting: 1 });
    expect(calendar.days.find((d) => d.day === "2027-01-13")!.lanes[0]!.cells[0]).toEqual({ kind: "FREE", placesLeft: 1 });
  });

  it("a DR holds its place; staff refusing it (reason required) or raising the day's places promotes the waiting list", async () => {
    const w = await world({ units: [{ name: "Journée", capacity: 1 }] });
    const unit = w.units[0]!;
    const [a, b, c] = [await parentIn(w, "Ana"), await parentIn(w, "Bob"), await parentIn(w, "Céline")];
    const day = ["2027-01-06"];
    for (const p of [a, b, c])
      await requestReservations({ familyId: p.family.id, cells: cells(p.inscription.id, unit.id, day), actor: p.actor, now: NOW });
    const of = (p: typeof a) => prisma.reservation.findFirstOrThrow({ where: { inscriptionId: p.inscription.id } });
    expect([(await of(a)).status, (await of(b)).status, (await of(c)).status]).toEqual(["REQUESTED", "WAITLISTED", "WAITLISTED"]);
    const staff = await staffActor();
    await expectNothingChanged(async () =>
      expect(refuseReservations({ ids: [(await of(a)).id], reason: "  ", actor: staff, now: NOW })).rejects.toThrow("Motif : indiquez-le"),
    );
    // Accepting a waiting request without a place keeps it waiting, said.
    expect(await acceptReservations({ ids: [(await of(b)).id], actor: staff, now: NOW })).toEqual({
      done: [],
      notDone: [
        { id: (await of(b)).id, message: "Plus de place disponible le mercredi 6 janvier 2027 : la demande reste en liste d'attente." },
      ],
    });
    await refuseReservations({ ids: [(await of(a)).id], reason: "Dossier incomplet", actor: staff, now: NOW });
    // Manual validation: the promoted request becomes a DR holding the place, for staff to decide.
    expect([(await of(a)).status, (await of(b)).status, (await of(c)).status]).toEqual(["REFUSED", "REQUESTED", "WAITLISTED"]);
    expect(
      (await prisma.emailOutbox.findFirstOrThrow({ where: { familyId: a.family.id, template: "reservation-refused" } })).text,
    ).toContain("Motif : Dossier incomplet");
    await setCapacityOverride({ timeUnitId: unit.id, date: "2027-01-06", capacity: 2 }, NOW, ALL_LIEUX);
    expect((await of(c)).status).toBe("REQUESTED");
  });

  it("withdrawing a DR gives its place to the waiting list; withdrawing a DA keeps the booking", async () => {
    const w = await world({ automatic: true, units: [{ name: "Journée", capacity: 1 }] });
    const [a, b] = [await parentIn(w, "Ana"), await parentIn(w, "Bob")];
    const day = ["2027-01-06"];
    for (const p of [a, b])
      await requestReservations({ familyId: p.family.id, cells: cells(p.inscription.id, w.units[0]!.id, day), actor: p.actor, now: NOW });
    const of = (p: typeof a) => prisma.reservation.findFirstOrThrow({ where: { inscriptionId: p.inscription.id } });
    // After the cancellation deadline: still asked, as a DA, not excused automatically.
    const late = new Date("2027-01-05T08:00:00Z");
    expect(await askCancellation({ familyId: a.family.id, reservationId: (await of(a)).id, actor: a.actor, now: late })).toEqual({
      status: "CANCELLATION_REQUESTED",
      inTime: false,
    });
    expect(await withdrawReservation({ familyId: a.family.id, reservationId: (await of(a)).id, actor: a.actor, now: late })).toEqual({
      status: "RESERVED",
    });
    expect((await of(b)).status).toBe("WAITLISTED");
    // Another family cannot touch it: same answer as a missing id.
    await expectNothingChanged(async () =>
      expect(askCancellation({ familyId: b.family.id, reservationId: (await of(a)).id, actor: b.actor, now: NOW })).rejects.toThrow(
        NotFoundError,
      ),
    );
    await expectNothingChanged(async () =>
      expect(withdrawReservation({ familyId: b.family.id, reservationId: (await of(a)).id, actor: b.actor, now: NOW })).rejects.toThrow(
        NotFoundError,
      ),
    );
    await withdrawReservation({ familyId: b.family.id, reservationId: (await of(b)).id, actor: b.actor, now: NOW });
    expect((await of(b)).status).toBe("WITHDRAWN");
  });

  it("staff decide DAs as excused or billed; the e-mail counts them per unit as the structures write it", async () => {
    const w = await world({ cancellationDeadline: "J-7 10:00" });
    const p = await parentIn(w);
    const unit = w.units[2]!;
    const days = ["2027-01-06", "2027-01-13", "2027-01-20"];
    await requestReservations({ familyId: p.family.id, cells: cells(p.inscription.id, unit.id, days), actor: p.actor, now: NOW });
    const rows = await prisma.reservation.findMany({ where: { inscriptionId: p.inscription.id }, orderBy: { date: "asc" } });
    const staff = await staffActor();
    await acceptReservations({ ids: rows.map((r) => r.id), actor: staff, now: NOW });
    const late = new Date("2027-01-04T12:00:00Z"); // in time for the 13th and the 20th, not for the 6th
    const asked = [];
    for (const row of rows) asked.push(await askCancellation({ familyId: p.family.id, reservationId: row.id, actor: p.actor, now: late }));
    expect(asked).toEqual([
      { status: "CANCELLATION_REQUESTED", inTime: false },
      { status: "CANCELLATION_REQUESTED", inTime: true },
      { status: "CANCELLATION_REQUESTED", inTime: true },
    ]);
    // One batch, two decisions: one e-mail (seed 004).
    await decideCancellations({
      decisions: [
        { id: rows[1]!.id, decision: "EXCUSED" },
        { id: rows[2]!.id, decision: "EXCUSED" },
        { id: rows[0]!.id, decision: "BILLED" },
      ],
      reason: "Selon le délai d'annulation",
      actor: staff,
      now: late,
    });
    const emails = await prisma.emailOutbox.findMany({
      where: { familyId: p.family.id, template: "reservation-cancellations" },
      orderBy: { createdAt: "asc" },
    });
    expect(emails).toHaveLength(1);
    expect(emails[0]!.text).toContain(
      "Journée complète\n2 annulations excusées les : mercredi 13 janvier 2027, mercredi 20 janvier 2027\n1 annulation facturée le : mercredi 6 janvier 2027",
    );
    expect(
      (await prisma.reservation.findMany({ where: { inscriptionId: p.inscription.id }, orderBy: { date: "asc" } })).map((r) => r.status),
    ).toEqual(["ABSENT_BILLED", "ABSENT_EXCUSED", "ABSENT_EXCUSED"]);
  });
});

describe("the dashboard", () => {
  it("follows reservation and cancellation requests with their state and reason, and asks to book a validated inscription", async () => {
    const w = await world({ units: [{ name: "Journée", capacity: 1 }] });
    const first = await parentIn(w, "Ana");
    const p = await parentIn(w, "Léa");
    const todo = (await getFamilyDashboard(p.family.id, NOW))!.todo;
    expect(todo).toContainEqual({
      text: `Réservez les jours de Léa — ${w.activity.name}`,
      href: `/mes-reservations?inscription=${p.inscription.id}`,
    });
    // The answer is the one of the `now` passed in, not of the machine's clock: once the inscription is over, nothing to book.
    const afterTheEnd = new Date("2027-04-01T10:00:00Z");
    expect((await getFamilyDashboard(p.family.id, afterTheEnd))!.todo.some((t) => t.text.startsWith("Réservez les jours de Léa"))).toBe(
      false,
    );
    await requestReservations({
      familyId: first.family.id,
      cells: cells(first.inscription.id, w.units[0]!.id, ["2027-01-06"]),
      actor: first.actor,
      now: NOW,
    });
    await requestReservations({
      familyId: p.family.id,
      cells: cells(p.inscription.id, w.units[0]!.id, ["2027-01-06", "2027-01-13", "2027-01-20"]),
      actor: p.actor,
      now: NOW,
    });
    const dashboard = (await getFamilyDashboard(p.family.id, NOW))!;
    const lines = dashboard.requests.filter((r) => r.kind === "RESERVATION").map((r) => [r.label, r.state.label, r.reason]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [`Réservations de Léa — ${w.activity.name} : 2 jours (13/01, 20/01)`, "Demande de réservation envoyée", null],
        [`Réservations de Léa — ${w.activity.name} : 1 jour (06/01)`, "En liste d'attente", "Plus de place disponible"],
      ]),
    );
    expect(dashboard.todo.some((t) => t.text.startsWith("Réservez les jours de Léa"))).toBe(false);
    // Two weeks after the last day, the feed no longer follows these days.
    expect(
      (await getFamilyDashboard(p.family.id, new Date("2027-02-04T10:00:00Z")))!.requests.filter((r) => r.kind === "RESERVATION"),
    ).toEqual([]);
  });
});
