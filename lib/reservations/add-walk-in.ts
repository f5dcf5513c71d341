import "server-only";
import { custodyOn } from "@/lib/families/custody";
import { readCustodyCalendars } from "@/lib/families/foyers";
import { assertActivityInScope, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db, transaction } from "@/lib/db";
import { dateOf } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import { formatLongDate } from "@/lib/format";
import {
  applyTransition,
  createReservationAs,
  isIn,
  NotFoundError,
  actorScope,
  openReservationGate,
  RESERVATION_STATUSES,
  statusIn,
  type Actor,
} from "@/lib/workflow";
import { lockSlots, placeLeft, readSlot } from "./slots";
import { refusedByRules, type UnitRule } from "./unit-rules";
import { SHOWN } from "./get-attendance-sheet";
import { notBeforeTheDay } from "./record-attendance";

/** Children inscribed (validated) for that day who have no booking for the unit: who may be added on the spot. */
export async function listWalkInCandidates(input: { activityId: string; day: string; timeUnitId: string; scope: StaffScope }) {
  const date = dateOf(input.day);
  const rows = await db.inscription.findMany({
    where: {
      ...scopeWhere(input.scope).inscription,
      activityId: input.activityId,
      status: "VALIDATED",
      startDate: { lte: date },
      endDate: { gte: date },
      reservations: { none: { timeUnitId: input.timeUnitId, date, status: statusIn(SHOWN) } },
    },
    orderBy: [{ child: { lastName: "asc" } }, { child: { firstName: "asc" } }],
    select: { id: true, child: { select: { firstName: true, lastName: true } }, family: { select: { name: true } } },
  });
  return rows.map((r) => ({ inscriptionId: r.id, name: `${r.child.firstName} ${r.child.lastName.toUpperCase()} (${r.family.name})` }));
}

/** A child present without a booking (walk-in): the reservation is created present, if a place is left. */
export async function addWalkIn(input: {
  activityId: string;
  day: string;
  timeUnitId: string;
  inscriptionId: string;
  actor: Actor;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  notBeforeTheDay(input.day, now);
  return transaction(async (tx) => {
    await assertActivityInScope(tx, actorScope(input.actor), input.activityId);
    const inscription = await tx.inscription.findFirst({
      where: { id: input.inscriptionId, activityId: input.activityId },
      select: { id: true, ageGroup: { select: { id: true, unitCapacity: true } }, child: { select: { id: true, firstName: true } } },
    });
    if (!inscription) throw new NotFoundError();
    if (
      !(await tx.openingDay.findFirst({
        where: { period: { activityId: input.activityId }, date: dateOf(input.day) },
        select: { id: true },
      }))
    ) {
      throw new UserFacingError(`Le ${formatLongDate(input.day)} n'est pas un jour d'ouverture de l'activité.`);
    }
    const gate = await openReservationGate(tx, [inscription.id]);
    const slot = { timeUnitId: input.timeUnitId, day: input.day };
    await lockSlots(tx, [slot]);
    const state = await readSlot(tx, slot, inscription.ageGroup?.id ?? null);
    if (state.cancelled !== null) throw new UserFacingError(`Accueil annulé par la structure ce jour-là : ${state.cancelled}`);
    const existing = await tx.reservation.findUnique({
      where: { inscriptionId_date_timeUnitId: { inscriptionId: inscription.id, date: dateOf(input.day), timeUnitId: input.timeUnitId } },
      select: { id: true, status: true },
    });
    if (existing && !isIn([...RESERVATION_STATUSES.ASKABLE_AGAIN, ...RESERVATION_STATUSES.REQUESTS], existing.status)) {
      throw new UserFacingError(`${inscription.child.firstName} a déjà une réservation ce jour-là : pointez-le dans la liste.`);
    }
    // A DR holds its place already; anyone else needs one left.
    if (!isIn(RESERVATION_STATUSES.HOLDS_PLACE, existing?.status) && !placeLeft(state, inscription.ageGroup)) {
      throw new UserFacingError(
        `Plus de place ce jour pour cette unité (${state.taken} / ${state.capacity}) : augmentez les places du jour dans Occupation pour accueillir ${inscription.child.firstName}.`,
      );
    }
    // The rules between units hold for staff too (« Journée » and « Matin » the same day…).
    const [rules, units, held] = await Promise.all([
      tx.timeUnitRule.findMany({
        where: { unit: { activityId: input.activityId } },
        select: { kind: true, unitId: true, otherUnitId: true },
      }),
      tx.timeUnit.findMany({ where: { activityId: input.activityId }, select: { id: true, name: true } }),
      tx.reservation.findMany({
        where: { inscriptionId: inscription.id, date: dateOf(input.day), status: statusIn(RESERVATION_STATUSES.LIVE) },
        select: { timeUnitId: true },
      }),
    ]);
    const broken = refusedByRules(
      rules as UnitRule[],
      new Set(held.map((h) => h.timeUnitId)),
      [input.timeUnitId],
      new Map(units.map((u) => [u.id, u.name])),
    ).get(input.timeUnitId);
    if (broken) throw new UserFacingError(`${inscription.child.firstName} : ${broken}`);
    const reason = "Accueilli sans réservation";
    if (existing) {
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: existing.id,
        to: "RESERVED",
        actor: input.actor,
        expectedFrom: existing.status,
        reason,
        now,
      });
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: existing.id,
        to: "PRESENT",
        actor: input.actor,
        expectedFrom: "RESERVED",
        reason,
        now,
      });
      return { id: existing.id };
    }
    // A shared child (garde alternée, ADR 051): the day is the custody foyer's, billed to it.
    const custody = (await readCustodyCalendars([inscription.child.id], { from: input.day, to: input.day }, tx)).get(inscription.child.id);
    return createReservationAs(tx, gate, {
      inscriptionId: inscription.id,
      timeUnitId: input.timeUnitId,
      date: dateOf(input.day),
      foyerId: custody?.secondFamilyId ? custodyOn(custody, input.day) : null,
      now,
      steps: [
        { to: "RESERVED", actor: input.actor, reason },
        { to: "PRESENT", actor: input.actor, reason },
      ],
    });
  });
}
