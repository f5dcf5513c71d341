import "server-only";
import { transaction, type Tx } from "@/lib/db";
import { dayOf, parisDay } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import {
  applyTransition,
  IllegalTransitionError,
  InscriptionNotValidatedError,
  isIn,
  NotFoundError,
  RESERVATION_STATUSES,
  SYSTEM,
  type Actor,
  INSCRIPTION_STATUSES,
  statusIn,
} from "@/lib/workflow";
import { cancellationInTime } from "./availability";
import { notifyReservations } from "./notify-reservations";
import { fillFreedPlaces } from "./fill-freed-places";
import { lockFamily, lockInscription } from "@/lib/locks";
import { lockSlots, slotOf } from "./slots";
import { removalViolation, type UnitRule } from "./unit-rules";
import { readCustodyCalendars } from "@/lib/families/foyers";
import { foyerReservationWhere, mayBookDay, otherFoyerDayMessage } from "./foyer-scope";

/**
 * A reservation of the family (another family's is answered as a missing one), read under the lock of
 * its inscription — the child's day changes one request at a time, so the rules between units hold
 * when two cells of the day change at once — then under its slot's lock (the order of a send).
 */
async function lockOwnReservation(tx: Tx, familyId: string, reservationId: string) {
  // The foyer's own reservation (a shared child's day booked by the other foyer is a missing one, ADR 051).
  const where = { id: reservationId, ...foyerReservationWhere(familyId) };
  const found = await tx.reservation.findFirst({
    where,
    select: {
      timeUnitId: true,
      date: true,
      inscriptionId: true,
      inscription: { select: { child: { select: { id: true, firstName: true } } } },
    },
  });
  if (!found) throw new NotFoundError();
  await lockInscription(tx, found.inscriptionId);
  await lockSlots(tx, [slotOf(found)]);
  // Under the inscription's lock (a custody change takes it too): a foyer changes only its own custody days.
  const day = dayOf(found.date);
  const custody = await readCustodyCalendars([found.inscription.child.id], { from: day, to: day }, tx);
  if (!mayBookDay(custody.get(found.inscription.child.id), familyId, day))
    throw new UserFacingError(otherFoyerDayMessage(found.inscription.child.firstName));
  return tx.reservation.findFirstOrThrow({
    where,
    select: {
      id: true,
      status: true,
      timeUnitId: true,
      date: true,
      inscriptionId: true,
      inscription: { select: { status: true, activity: { select: { reservationValidation: true, cancellationDeadline: true } } } },
    },
  });
}

/** Removing this unit from the child's day must not leave a unit without the one it requires. */
async function checkRemoval(tx: Tx, reservation: { inscriptionId: string; timeUnitId: string; date: Date }) {
  const sameDay = await tx.reservation.findMany({
    where: { inscriptionId: reservation.inscriptionId, date: reservation.date, status: statusIn(RESERVATION_STATUSES.LIVE) },
    select: { timeUnitId: true, timeUnit: { select: { name: true } } },
  });
  if (sameDay.length < 2) return;
  const rules = await tx.timeUnitRule.findMany({
    where: { unitId: { in: sameDay.map((r) => r.timeUnitId) }, kind: "REQUIRES" },
    select: { kind: true, unitId: true, otherUnitId: true },
  });
  const names = new Map(sameDay.map((r) => [r.timeUnitId, r.timeUnit.name]));
  const violation = removalViolation(rules as UnitRule[], new Set(sameDay.map((r) => r.timeUnitId)), reservation.timeUnitId, names);
  if (violation) throw new UserFacingError(violation);
}

/**
 * The parent clicks an R: a demande d'annulation (DA). In time, it will be an
 * absence excusée; after the cancellation deadline it is still asked, and will
 * probably be billed (the parent was told before confirming). An activity that
 * validates automatically accepts an in-time cancellation at once: the place
 * goes to the waiting list.
 */
export async function askCancellation(input: { familyId: string; reservationId: string; actor: Actor; now?: Date }) {
  const now = input.now ?? new Date();
  return transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const reservation = await lockOwnReservation(tx, input.familyId, input.reservationId);
    const day = dayOf(reservation.date);
    if (day < parisDay(now)) throw new UserFacingError("Ce jour est passé : la réservation ne peut plus être annulée.");
    if (!isIn(RESERVATION_STATUSES.BOOKED, reservation.status))
      throw new IllegalTransitionError("RESERVATION", reservation.status, "CANCELLATION_REQUESTED", input.actor.label);
    await checkRemoval(tx, reservation);
    const { activity } = reservation.inscription;
    const inTime = cancellationInTime(activity.cancellationDeadline, day, now);
    await applyTransition(tx, {
      machine: "RESERVATION",
      id: reservation.id,
      to: "CANCELLATION_REQUESTED",
      actor: input.actor,
      expectedFrom: "RESERVED",
      now,
    });
    if (inTime && activity.reservationValidation === "AUTOMATIC") {
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: reservation.id,
        to: "ABSENT_EXCUSED",
        actor: SYSTEM,
        reason: "Annulation dans le délai",
        now,
      });
      await notifyReservations(tx, "CANCELLATIONS", [reservation.id]);
      await fillFreedPlaces(tx, [slotOf(reservation)], now);
      return { status: "ABSENT_EXCUSED" as const, inTime };
    }
    return { status: "CANCELLATION_REQUESTED" as const, inTime };
  });
}

/**
 * The parent takes back what is not decided yet: a DR or a waiting request
 * (withdrawn — a DR's place goes to the waiting list), or a DA (the booking
 * stays R).
 */
export async function withdrawReservation(input: { familyId: string; reservationId: string; actor: Actor; now?: Date }) {
  const now = input.now ?? new Date();
  return transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const reservation = await lockOwnReservation(tx, input.familyId, input.reservationId);
    // A past day is the structure's (pointage); the screen never offers it, a replayed call is refused.
    if (dayOf(reservation.date) < parisDay(now)) throw new UserFacingError("Ce jour est passé : la demande ne peut plus être retirée.");
    if (isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, reservation.status)) {
      // Back to R only inside a validated inscription (never a booking brought back in a cancelled one).
      if (!isIn(INSCRIPTION_STATUSES.BOOKABLE, reservation.inscription.status)) throw new InscriptionNotValidatedError();
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: reservation.id,
        to: "RESERVED",
        actor: input.actor,
        expectedFrom: "CANCELLATION_REQUESTED",
        now,
      });
      return { status: "RESERVED" as const };
    }
    if (isIn(RESERVATION_STATUSES.BOOKED, reservation.status)) {
      // A waiting request promoted meanwhile (a place freed just before): say so, the parent decides again.
      throw new UserFacingError(
        "Cette demande vient d'obtenir une place : c'est maintenant une réservation validée (R). Pour ne pas la garder, demandez son annulation.",
      );
    }
    if (!isIn(RESERVATION_STATUSES.REQUESTS, reservation.status)) {
      throw new IllegalTransitionError("RESERVATION", reservation.status, "WITHDRAWN", input.actor.label);
    }
    await checkRemoval(tx, reservation);
    await applyTransition(tx, {
      machine: "RESERVATION",
      id: reservation.id,
      to: "WITHDRAWN",
      actor: input.actor,
      expectedFrom: reservation.status,
      now,
    });
    if (isIn(RESERVATION_STATUSES.HOLDS_PLACE, reservation.status)) await fillFreedPlaces(tx, [slotOf(reservation)], now);
    return { status: "WITHDRAWN" as const };
  });
}
