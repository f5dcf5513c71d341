import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * Security matrix of a shared child (garde alternée, ADR 051): foyer B's parent replays « Mes réservations » with foyer
 * A's days and A's own ids; a family C unrelated to the child replays everything; parents call the staff's custody
 * action. Session simulated, the rest real.
 */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as actions from "@/app/mes-reservations/actions";
import { setCustodyPlanAction } from "@/app/admin/familles/[familyId]/enfants/[childId]/garde/actions";
import { getMonthCalendar } from "@/lib/reservations/get-month-calendar";
import { calendarFeedFor, renewCalendarToken } from "@/lib/reservations/publish-calendar-feed";
import { getCustodyCalendarForParent } from "@/lib/families/get-custody-plan";
import { setCustodyPlan } from "@/lib/families/set-custody-plan";
import { addDays, parisDay, weekdayOf } from "@/lib/calendar/paris";
import { createBookableWorld, createFamily, createStaffUser, inscribe, linkSecondFoyer } from "@/prisma/factories";
import { actorFromUser } from "@/lib/workflow";
import { expectNothingChanged, prisma } from "./helpers";

const TODAY = parisDay(new Date());
const NOT_FOUND = { ok: false, error: "Élément introuvable." };

/** Léa of foyer A, linked to foyer B: Monday, Wednesday and Friday at A's, Tuesday and Thursday at B's. C is unrelated. */
async function setup() {
  const start = addDays(TODAY, 30);
  const w = await createBookableWorld(prisma, {
    start,
    end: addDays(start, 60),
    weekdays: [1, 2, 3, 4, 5],
    automatic: true,
    units: [{ name: "Journée", capacity: 10 }],
  });
  const a = await createFamily(prisma, { lastName: "Martin", children: [{ firstName: "Léa", birthDate: "2018-01-01", sex: "F" }] });
  const b = await createFamily(prisma, { lastName: "Bernard" });
  const c = await createFamily(prisma, { lastName: "Petit" });
  const child = a.children[0]!;
  await linkSecondFoyer(prisma, child.id, b.family.id);
  const inscription = await inscribe(prisma, w, a.family, child.id);
  const staff = actorFromUser(await createStaffUser(prisma));
  const [A, B] = [a.family.id, b.family.id];
  await setCustodyPlan({
    familyId: A,
    actor: staff,
    plan: {
      childId: child.id,
      kind: "WEEKDAYS",
      evenWeeksFamilyId: null,
      weekdayFamilyIds: [A, B, A, B, A, A, A],
      defaultFamilyId: A,
      days: [],
      firstFoyerSharePercent: null,
    },
  });
  const aDay = w.openingDays.find((d) => weekdayOf(d) === 1)!;
  const bDay = w.openingDays.find((d) => weekdayOf(d) === 2)!;
  const unit = w.units[0]!;
  session.current = { user: { id: a.user.id } };
  const booked = await actions.sendReservationRequestsAction({
    cells: [{ inscriptionId: inscription.id, timeUnitId: unit.id, day: aDay }],
  });
  expect(booked).toMatchObject({ ok: true, data: { outcomes: [{ outcome: "RESERVED" }] } });
  const reservationA = await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: inscription.id } });
  session.current = null;
  return { w, a, b, c, child, inscription, unit, aDay, bDay, reservationA };
}

beforeEach(() => {
  session.current = null;
});

describe("a shared child: foyer B's parent replays with foyer A's days and ids", () => {
  it("booking A's day, cancelling or withdrawing A's booking: refused, nothing written, nothing of A's said", async () => {
    const s = await setup();
    session.current = { user: { id: s.b.user.id } };
    await expectNothingChanged(async () => {
      const sent = await actions.sendReservationRequestsAction({
        cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day: s.aDay }],
      });
      expect(sent).toEqual({
        ok: true,
        data: {
          outcomes: [
            {
              inscriptionId: s.inscription.id,
              timeUnitId: s.unit.id,
              day: s.aDay,
              outcome: "REFUSED",
              message: "Ce jour, Léa est chez l'autre parent.",
            },
          ],
          summary: "1 refusée",
        },
      });
      expect(await actions.askCancellationAction({ reservationId: s.reservationA.id })).toEqual(NOT_FOUND);
      expect(await actions.withdrawReservationAction({ reservationId: s.reservationA.id })).toEqual(NOT_FOUND);
      // A period of A's weekdays only: nothing to ask, said as such.
      const period = {
        inscriptionId: s.inscription.id,
        startDate: s.aDay,
        endDate: addDays(s.aDay, 13),
        weekType: "ALL",
        slots: [`1:${s.unit.id}`],
      };
      const preview = await actions.previewPeriodAction(period);
      expect(preview).toMatchObject({ ok: true, data: { cells: [], skipped: { otherFoyer: [s.aDay, addDays(s.aDay, 7)] } } });
      expect(await actions.sendPeriodAction(period)).toMatchObject({ ok: false });
    });
    // B's calendar and agenda: A's day without detail, A's booking absent.
    const calendar = (await getMonthCalendar({ familyId: s.b.family.id, inscriptionId: s.inscription.id, month: s.aDay.slice(0, 7) }))!;
    expect(JSON.stringify(calendar)).not.toContain(s.reservationA.id);
    expect(calendar.days.find((d) => d.day === s.aDay)!.lanes[0]!.cells).toEqual([{ kind: "BLOCKED", reason: "OTHER_FOYER" }]);
    const { url } = await renewCalendarToken(s.b.family.id);
    const ics = (await calendarFeedFor(
      url
        .split("/")
        .pop()!
        .replace(/\.ics$/, ""),
    ))!;
    expect(ics).not.toContain("BEGIN:VEVENT");
    const icsOfA = (await calendarFeedFor(
      (await renewCalendarToken(s.a.family.id)).url
        .split("/")
        .pop()!
        .replace(/\.ics$/, ""),
    ))!;
    expect(icsOfA).toContain("BEGIN:VEVENT");
  });

  it("B books its own day through the action (foyerId = B)", async () => {
    const s = await setup();
    session.current = { user: { id: s.b.user.id } };
    const sent = await actions.sendReservationRequestsAction({
      cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day: s.bDay }],
    });
    expect(sent).toMatchObject({ ok: true, data: { outcomes: [{ outcome: "RESERVED" }] } });
    expect(
      (await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: s.inscription.id, date: new Date(`${s.bDay}T00:00:00Z`) } }))
        .foyerId,
    ).toBe(s.b.family.id);
  });
});

describe("a family unrelated to the shared child", () => {
  it("gets the answer of a missing id everywhere, and nothing written", async () => {
    const s = await setup();
    session.current = { user: { id: s.c.user.id } };
    await expectNothingChanged(async () => {
      for (const day of [s.aDay, s.bDay])
        expect(
          await actions.sendReservationRequestsAction({ cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day }] }),
        ).toEqual(NOT_FOUND);
      expect(await actions.askCancellationAction({ reservationId: s.reservationA.id })).toEqual(NOT_FOUND);
      const period = {
        inscriptionId: s.inscription.id,
        startDate: s.aDay,
        endDate: addDays(s.aDay, 13),
        weekType: "ALL",
        slots: [`2:${s.unit.id}`],
      };
      expect(await actions.previewPeriodAction(period)).toEqual(NOT_FOUND);
      expect(await actions.sendPeriodAction(period)).toEqual(NOT_FOUND);
    });
    expect(await getMonthCalendar({ familyId: s.c.family.id, inscriptionId: s.inscription.id })).toBeNull();
    expect(await getCustodyCalendarForParent({ familyId: s.c.family.id, childId: s.child.id })).toBeNull();
    // Each foyer reads the custody calendar in its own words.
    const ofB = (await getCustodyCalendarForParent({ familyId: s.b.family.id, childId: s.child.id }))!;
    expect(ofB.shared).toBe(true);
    expect(ofB.weeks[0]!.days.map((d) => d.atHome)).toEqual([false, true, false, true, false, false, false]);
  });
});

describe("the staff's custody action", () => {
  it("is refused to parents, of either foyer, before anything is read", async () => {
    const s = await setup();
    const plan = {
      familyId: s.b.family.id,
      childId: s.child.id,
      kind: "WEEKDAYS",
      evenWeeksFamilyId: null,
      weekdayFamilyIds: Array(7).fill(s.b.family.id),
      defaultFamilyId: s.b.family.id,
      days: [],
      firstFoyerSharePercent: null,
    };
    await expectNothingChanged(async () => {
      for (const parent of [s.a, s.b, s.c]) {
        session.current = { user: { id: parent.user.id } };
        expect(await setCustodyPlanAction(plan)).toEqual({ ok: false, error: "Accès refusé." });
      }
    });
  });

  it("says in French what is wrong in the staff's form, nothing written", async () => {
    const s = await setup();
    session.current = { user: { id: (await createStaffUser(prisma)).id } };
    const base = {
      familyId: s.a.family.id,
      childId: s.child.id,
      kind: "ALTERNATE_WEEKS",
      evenWeeksFamilyId: s.b.family.id,
      weekdayFamilyIds: [],
      defaultFamilyId: s.a.family.id,
      days: [],
      firstFoyerSharePercent: null,
    };
    await expectNothingChanged(async () => {
      expect(await setCustodyPlanAction({ ...base, firstFoyerSharePercent: 100 })).toMatchObject({
        ok: false,
        fieldErrors: { firstFoyerSharePercent: "Partage : un pourcentage entier entre 1 et 99." },
      });
      expect(await setCustodyPlanAction({ ...base, evenWeeksFamilyId: null })).toMatchObject({
        ok: false,
        fieldErrors: { evenWeeksFamilyId: "Semaines paires : choisissez le foyer." },
      });
      expect(await setCustodyPlanAction({ ...base, evenWeeksFamilyId: s.c.family.id })).toMatchObject({
        ok: false,
        fieldErrors: { evenWeeksFamilyId: "Foyer : choisissez l'un des deux foyers de l'enfant." },
      });
      expect(await setCustodyPlanAction({ ...base, familyId: s.c.family.id })).toEqual(NOT_FOUND);
    });
    const saved = await setCustodyPlanAction({ ...base, firstFoyerSharePercent: 50 });
    expect(saved).toMatchObject({ ok: true });
  });
});
