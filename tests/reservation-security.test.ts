import { beforeEach, describe, expect, it, vi } from "vitest";

/** Security matrix and bad input of « Mes réservations » (session simulated, the rest real). */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as actions from "@/app/mes-reservations/actions";
import * as desk from "@/app/admin/reservations/actions";
import MyReservationsPage from "@/app/mes-reservations/page";
import { getMonthCalendar } from "@/lib/reservations/get-month-calendar";
import { addDays, parisDay } from "@/lib/calendar/paris";
import { createBookableWorld, createFamily, createStaffUser, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma } from "./helpers";

// Dates relative to today: the period is always to come, whenever the suite runs.
const TODAY = parisDay(new Date());
const NOT_FOUND = { ok: false, error: "Élément introuvable." };

async function setup() {
  const start = addDays(TODAY, 30);
  const w = await createBookableWorld(prisma, {
    start,
    end: addDays(start, 90),
    weekdays: [1, 2, 3, 4, 5],
    units: [
      { name: "Matin", capacity: 10 },
      { name: "Soir", capacity: 10 },
    ],
  });
  const other = await createBookableWorld(prisma, {
    start,
    end: addDays(start, 90),
    weekdays: [1, 2, 3, 4, 5],
    units: [{ name: "Midi", capacity: 10 }],
  });
  const a = await createFamily(prisma, { lastName: "Alpha", children: [{ firstName: "Anna", birthDate: "2018-01-01", sex: "F" }] });
  const b = await createFamily(prisma, { lastName: "Bravo", children: [{ firstName: "Bruno", birthDate: "2018-01-01", sex: "M" }] });
  const inscriptionA = await inscribe(prisma, w, a.family, a.children[0]!.id);
  const inscriptionB = await inscribe(prisma, w, b.family, b.children[0]!.id);
  const day = w.openingDays[3]!;
  const reservationB = await prisma.reservation.create({
    data: { inscriptionId: inscriptionB.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status: "RESERVED" },
  });
  return { w, other, a, b, inscriptionA, inscriptionB, reservationB, day };
}

beforeEach(() => {
  session.current = null;
});

describe("réservations: family A with family B's ids", () => {
  it("cannot book in B's inscription, cancel or withdraw B's reservation, preview B's period — the same answer as a missing id, nothing written", async () => {
    const { w, a, inscriptionB, reservationB, day } = await setup();
    session.current = { user: { id: a.user.id } };
    await expectNothingChanged(async () => {
      const foreign = await actions.sendReservationRequestsAction({
        cells: [{ inscriptionId: inscriptionB.id, timeUnitId: w.units[0]!.id, day }],
      });
      expect(foreign).toEqual(NOT_FOUND);
      expect(
        await actions.sendReservationRequestsAction({ cells: [{ inscriptionId: "inexistant", timeUnitId: w.units[0]!.id, day }] }),
      ).toEqual(foreign);
      expect(await actions.askCancellationAction({ reservationId: reservationB.id })).toEqual(NOT_FOUND);
      expect(await actions.askCancellationAction({ reservationId: "inexistant" })).toEqual(NOT_FOUND);
      expect(await actions.withdrawReservationAction({ reservationId: reservationB.id })).toEqual(NOT_FOUND);
      const period = {
        inscriptionId: inscriptionB.id,
        startDate: day,
        endDate: addDays(day, 20),
        weekType: "ALL",
        slots: [`1:${w.units[0]!.id}`],
      };
      expect(await actions.previewPeriodAction(period)).toEqual(NOT_FOUND);
      expect(await actions.sendPeriodAction(period)).toEqual(NOT_FOUND);
    });
  });

  it("cannot read B's calendar: the page answers 404 as for a missing id", async () => {
    const { a, inscriptionB } = await setup();
    session.current = { user: { id: a.user.id } };
    expect(await getMonthCalendar({ familyId: a.family.id, inscriptionId: inscriptionB.id })).toBeNull();
    const render = (inscription: string) => MyReservationsPage({ searchParams: Promise.resolve({ inscription }) });
    const foreign = await render(inscriptionB.id).catch((e: unknown) => e);
    const missing = await render("inexistant").catch((e: unknown) => e);
    expect(String((foreign as Error).message)).toMatch(/NEXT_HTTP_ERROR_FALLBACK;404/);
    expect((foreign as Error).message).toBe((missing as Error).message);
  });

  it("a child whose inscription is pending, refused or cancelled gets no reservation, even by replaying the action with its ids", async () => {
    const { w, day } = await setup();
    for (const status of ["PENDING", "REFUSED", "CANCELLED", "WAITLISTED"] as const) {
      const f = await createFamily(prisma, { children: [{ firstName: "Tom", birthDate: "2018-01-01", sex: "M" }] });
      const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id, status);
      session.current = { user: { id: f.user.id } };
      await expectNothingChanged(async () => {
        expect(
          await actions.sendReservationRequestsAction({ cells: [{ inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, day }] }),
        ).toEqual({ ok: false, error: "Une réservation n'est possible que dans une inscription validée." });
      });
    }
  });

  it("staff and anonymous callers are refused before anything is read", async () => {
    const { w, inscriptionA, day } = await setup();
    const staff = await createStaffUser(prisma);
    for (const who of [null, { user: { id: staff.id } }]) {
      session.current = who;
      await expectNothingChanged(async () => {
        const result = await actions.sendReservationRequestsAction({
          cells: [{ inscriptionId: inscriptionA.id, timeUnitId: w.units[0]!.id, day }],
        });
        expect(result.ok).toBe(false);
        expect(result.ok ? "" : result.error).toMatch(/^(Votre session a expiré|Accès refusé)/);
      });
    }
  });
});

describe("réservations: bad input gets a French message and writes nothing", () => {
  it("dates outside the inscription, a unit of another activity, tampered ids, malformed days, 10 000 cells", async () => {
    const { w, other, a, inscriptionA } = await setup();
    session.current = { user: { id: a.user.id } };
    const send = (cells: unknown) => actions.sendReservationRequestsAction({ cells });
    const unit = w.units[0]!.id;
    const opening = w.openingDays;
    await expectNothingChanged(async () => {
      expect(
        await send([{ inscriptionId: inscriptionA.id, timeUnitId: unit, day: addDays(opening[opening.length - 1]!, 7) }]),
      ).toMatchObject({ ok: false, error: expect.stringMatching(/^Le .* est en dehors des dates de l'inscription d'Anna\.$/) });
      expect(await send([{ inscriptionId: inscriptionA.id, timeUnitId: other.units[0]!.id, day: opening[0] }])).toEqual(NOT_FOUND);
      expect(await send([{ inscriptionId: inscriptionA.id, timeUnitId: unit, day: "2027-02-30" }])).toMatchObject({
        ok: false,
        error: "Le formulaire contient des erreurs : corrigez les champs signalés.",
      });
      expect(await send([{ inscriptionId: { $ne: 1 }, timeUnitId: unit, day: opening[0] }])).toMatchObject({
        ok: false,
        error: "Le formulaire contient des erreurs : corrigez les champs signalés.",
      });
      expect(await send("tout")).toMatchObject({ ok: false });
      const tenThousand = Array.from({ length: 10_000 }, (_, i) => ({
        inscriptionId: inscriptionA.id,
        timeUnitId: i % 2 ? unit : w.units[1]!.id,
        day: opening[i % opening.length]!,
      }));
      expect(await send(tenThousand)).toEqual({
        ok: false,
        error: "Trop de demandes en une fois (10\u202f000) : 1\u202f000 au plus. Envoyez-les en plusieurs fois.",
      });
    });
  });

  it("« Réservations sur période »: end before start, a two-year range, a year-9999 end, no box ticked, a unit of another activity", async () => {
    const { w, other, a, inscriptionA } = await setup();
    session.current = { user: { id: a.user.id } };
    const base = {
      inscriptionId: inscriptionA.id,
      startDate: w.openingDays[0]!,
      endDate: w.openingDays[10]!,
      weekType: "ALL",
      slots: [`1:${w.units[0]!.id}`],
    };
    const fr = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    await expectNothingChanged(async () => {
      expect(await actions.sendPeriodAction({ ...base, startDate: fr(base.endDate), endDate: fr(base.startDate) })).toMatchObject({
        ok: false,
        fieldErrors: { endDate: "Date fin : elle doit suivre la date de début." },
      });
      expect(
        await actions.sendPeriodAction({ ...base, startDate: fr(base.startDate), endDate: fr(addDays(base.startDate, 2 * 365)) }),
      ).toEqual({
        ok: false,
        error: "Date fin : une période de 366 jours au plus (une année scolaire) ; faites plusieurs demandes.",
        fieldErrors: { endDate: "Date fin : une période de 366 jours au plus (une année scolaire) ; faites plusieurs demandes." },
      });
      // Beyond the planning range (three years from today), the field says so before any day is counted.
      expect(await actions.sendPeriodAction({ ...base, startDate: fr(base.startDate), endDate: "31/12/9999" })).toMatchObject({
        ok: false,
        fieldErrors: { endDate: expect.stringMatching(/^Date fin : une date du \d{2}\/\d{2}\/\d{4} au \d{2}\/\d{2}\/\d{4}\.$/) },
      });
      expect(
        await actions.sendPeriodAction({ ...base, startDate: fr(base.startDate), endDate: fr(base.endDate), slots: [] }),
      ).toMatchObject({ ok: false, fieldErrors: { slots: "Semaine type : cochez au moins une case (un jour et une unité)." } });
      expect(
        await actions.sendPeriodAction({
          ...base,
          startDate: fr(base.startDate),
          endDate: fr(base.endDate),
          slots: [`1:${other.units[0]!.id}`],
        }),
      ).toEqual(NOT_FOUND);
      expect(await actions.sendPeriodAction({ ...base, startDate: "31/02/2027", endDate: fr(base.endDate) })).toMatchObject({
        ok: false,
        fieldErrors: { startDate: expect.stringMatching(/^Date début : date invalide/) },
      });
    });
  });

  it("a period preview lists the dates and the total from the family's QF, and sending it books exactly those", async () => {
    const { w, a, inscriptionA } = await setup();
    session.current = { user: { id: a.user.id } };
    const fr = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    const input = {
      inscriptionId: inscriptionA.id,
      startDate: fr(w.openingDays[0]!),
      endDate: fr(w.openingDays[9]!),
      weekType: "ALL",
      slots: ["1:" + w.units[0]!.id, "3:" + w.units[1]!.id],
    };
    const preview = await actions.previewPeriodAction(input);
    if (!preview.ok) throw new Error(preview.error);
    const mondays = w.openingDays.slice(0, 10).filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1).length;
    const wednesdays = w.openingDays.slice(0, 10).filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 3).length;
    expect(preview.data.cells).toHaveLength(mondays + wednesdays);
    // QF 650 → bracket 401–800 → 2,00 € (the factory's second price) for each unit.
    expect(preview.data.totalCents).toBe((mondays + wednesdays) * 200);
    const sent = await actions.sendPeriodAction(input);
    expect(sent.ok && sent.data.outcomes.every((o) => o.outcome === "REQUESTED")).toBe(true);
    expect(await prisma.reservation.count({ where: { inscriptionId: inscriptionA.id, status: "REQUESTED" } })).toBe(mondays + wednesdays);
  });
});

describe("réservations: what the screen never offers, replayed", () => {
  it("no withdrawal on a past day, no DA brought back to R in a cancelled inscription, no year 0000, a box sent twice counted once", async () => {
    const { w, a, inscriptionA } = await setup();
    session.current = { user: { id: a.user.id } };
    const past = addDays(TODAY, -3);
    const pastDr = await prisma.reservation.create({
      data: { inscriptionId: inscriptionA.id, timeUnitId: w.units[0]!.id, date: new Date(`${past}T00:00:00Z`), status: "REQUESTED" },
    });
    const cancelled = await inscribe(prisma, w, a.family, a.children[0]!.id, "CANCELLED");
    const day = w.openingDays[2]!;
    const da = await prisma.reservation.create({
      data: {
        inscriptionId: cancelled.id,
        timeUnitId: w.units[0]!.id,
        date: new Date(`${day}T00:00:00Z`),
        status: "CANCELLATION_REQUESTED",
      },
    });
    await expectNothingChanged(async () => {
      expect(await actions.withdrawReservationAction({ reservationId: pastDr.id })).toEqual({
        ok: false,
        error: "Ce jour est passé : la demande ne peut plus être retirée.",
      });
      expect(await actions.withdrawReservationAction({ reservationId: da.id })).toEqual({
        ok: false,
        error: "Une réservation n'est possible que dans une inscription validée.",
      });
      expect(
        await actions.sendReservationRequestsAction({
          cells: [{ inscriptionId: inscriptionA.id, timeUnitId: w.units[0]!.id, day: "0000-01-01" }],
        }),
      ).toMatchObject({ ok: false, error: "Le formulaire contient des erreurs : corrigez les champs signalés." });
    });
    const fr = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
    const once = await actions.previewPeriodAction({
      inscriptionId: inscriptionA.id,
      startDate: fr(w.openingDays[0]!),
      endDate: fr(w.openingDays[9]!),
      weekType: "ALL",
      slots: [`1:${w.units[0]!.id}`],
    });
    const twice = await actions.previewPeriodAction({
      inscriptionId: inscriptionA.id,
      startDate: fr(w.openingDays[0]!),
      endDate: fr(w.openingDays[9]!),
      weekType: "ALL",
      slots: [`1:${w.units[0]!.id}`, `1:${w.units[0]!.id}`],
    });
    expect(
      once.ok && twice.ok && twice.data.totalCents === once.data.totalCents && twice.data.cells.length === once.data.cells.length,
    ).toBe(true);
  });
});

describe("the staff console's actions", () => {
  it("refuse parents and bad input, keep a waiting request without a place waiting, and decide what staff ask", async () => {
    const { w, a, inscriptionA, reservationB, day } = await setup();
    const staff = await createStaffUser(prisma);
    const waiting = await prisma.reservation.create({
      data: {
        inscriptionId: inscriptionA.id,
        timeUnitId: w.units[1]!.id,
        date: new Date(`${day}T00:00:00Z`),
        status: "WAITLISTED",
        waitlistRank: 1,
      },
    });
    await prisma.capacityOverride.create({ data: { timeUnitId: w.units[1]!.id, date: new Date(`${day}T00:00:00Z`), capacity: 0 } });
    await expectNothingChanged(async () => {
      session.current = { user: { id: a.user.id } };
      expect(await desk.acceptReservationAction({ id: reservationB.id })).toEqual({ ok: false, error: "Accès refusé." });
      expect(await desk.decideCancellationsAction({ decisions: [{ id: reservationB.id, decision: "EXCUSED" }], reason: "x" })).toEqual({
        ok: false,
        error: "Accès refusé.",
      });
      session.current = { user: { id: staff.id } };
      expect(
        await desk.decideCancellationsAction({ decisions: [{ id: reservationB.id, decision: "PEUT-ÊTRE" }], reason: "x" }),
      ).toMatchObject({ ok: false, fieldErrors: { "decisions.0.decision": "Décision : choisissez excusée ou facturée." } });
      expect(await desk.decideCancellationsAction({ decisions: [], reason: "x" })).toMatchObject({
        ok: false,
        fieldErrors: { decisions: "Cochez au moins une demande." },
      });
      expect(await desk.acceptReservationAction({ id: waiting.id })).toMatchObject({
        ok: false,
        error: expect.stringMatching(/^Plus de place disponible le .* : la demande reste en liste d'attente\.$/),
      });
      // An R is not a DA: deciding it as a cancellation says what it is.
      expect(
        await desk.decideCancellationsAction({ decisions: [{ id: reservationB.id, decision: "BILLED" }], reason: "Hors délai" }),
      ).toMatchObject({ ok: false, error: expect.stringContaining("la demande a changé entre-temps (réservation validée)") });
    });
    session.current = { user: { id: staff.id } };
    expect(await desk.decideReservationsAction({ decision: "refuse", ids: [waiting.id], reason: "Groupe complet" })).toEqual({
      ok: true,
      data: { message: "1 demande refusée." },
    });
  });
});
