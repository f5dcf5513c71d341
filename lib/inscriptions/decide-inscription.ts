import { count } from "@/lib/format";
import "server-only";
import { transaction } from "@/lib/db";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import {
  actorScope,
  applyTransition,
  NotFoundError,
  RESERVATION_STATUSES,
  type Actor,
  statusIn,
  INSCRIPTION_STATUSES,
  isIn,
} from "@/lib/workflow";
import { assertInScope } from "@/lib/auth/staff-scope";
import type { Tx } from "@/lib/db";
import { lockFamily, lockInscription, lockInscriptionPlaces } from "@/lib/locks";
import { hasPlace } from "./capacity";
import { notifyInscriptionDecision } from "./notify-inscription-decision";

/** An inscription of another lieu than the staff's is answered as a missing one (ADR 029); its activity never changes. */
const inStaffScope = (tx: Tx, id: string, actor: Actor) =>
  assertInScope(actorScope(actor), (s) => tx.inscription.findFirst({ where: { id, ...s.inscription }, select: { id: true } }));

// The inscription's row is locked, then read (lockInscription): whatever is decided below is decided on the
// status as it is now, and a reservation (which locks the same row) cannot be created in between.

/**
 * Staff validate a request (pending, or waiting for a place). A waiting request
 * is validated only if a place is free: the limit is never exceeded. The
 * activity's places are locked before the status is read, so two validations
 * at once give one validation and one « déjà validée ».
 */
export async function validateInscription(input: { id: string; actor: Actor }): Promise<void> {
  await transaction(async (tx) => {
    await inStaffScope(tx, input.id, input.actor);
    // The activity and period of an inscription never change: read them to know which places to lock.
    const scope = await tx.inscription.findUnique({ where: { id: input.id }, select: { activityId: true, periodId: true } });
    if (!scope) throw new NotFoundError();
    await lockInscriptionPlaces(tx, scope.activityId, scope.periodId);
    const inscription = await lockInscription(tx, input.id);
    if (isIn(INSCRIPTION_STATUSES.ON_WAITING_LIST, inscription.status)) {
      const limits = await tx.inscription.findUniqueOrThrow({
        where: { id: input.id },
        select: { activity: { select: { maxInscriptions: true } }, ageGroup: { select: { capacity: true } } },
      });
      const place = await hasPlace(tx, {
        activityId: inscription.activityId,
        periodId: inscription.periodId,
        ageGroupId: inscription.ageGroupId,
        maxInscriptions: limits.activity.maxInscriptions,
        groupCapacity: limits.ageGroup?.capacity ?? null,
      });
      if (!place) throw new UserFacingError("Plus de place disponible : cette demande reste en liste d'attente.");
    }
    await applyTransition(tx, {
      machine: "INSCRIPTION",
      id: input.id,
      to: "VALIDATED",
      actor: input.actor,
      expectedFrom: inscription.status,
    });
    await notifyInscriptionDecision(tx, input.id, "VALIDATED");
  });
}

export async function refuseInscription(input: { id: string; reason: string; actor: Actor }): Promise<void> {
  await transaction(async (tx) => {
    await inStaffScope(tx, input.id, input.actor);
    const inscription = await lockInscription(tx, input.id);
    await applyTransition(tx, {
      machine: "INSCRIPTION",
      id: input.id,
      to: "REFUSED",
      actor: input.actor,
      reason: input.reason,
      expectedFrom: inscription.status,
    });
    await notifyInscriptionDecision(tx, input.id, "REFUSED", input.reason.trim());
  });
}

/** The parent withdraws a request that is still pending or waiting; scoped to the family. */
export async function withdrawInscription(input: { id: string; familyId: string; actor: Actor }): Promise<void> {
  await transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const inscription = await tx.inscription.findFirst({ where: { id: input.id, familyId: input.familyId }, select: { id: true } });
    if (!inscription) throw new NotFoundError();
    const locked = await lockInscription(tx, input.id);
    await applyTransition(tx, { machine: "INSCRIPTION", id: input.id, to: "WITHDRAWN", actor: input.actor, expectedFrom: locked.status });
  });
}

/**
 * Staff cancel a validated inscription (with a reason, e-mailed to the family).
 * Refused while reservations to come are still open in it: they are cancelled
 * first. The inscription is locked before they are counted, so none can be
 * created in between (a reservation locks the same row).
 */
export async function cancelInscription(input: { id: string; reason: string; actor: Actor; today?: Date }): Promise<void> {
  await transaction(async (tx) => {
    await inStaffScope(tx, input.id, input.actor);
    await lockInscription(tx, input.id);
    const today = input.today ?? dateOf(parisDay(new Date()));
    const upcoming = await tx.reservation.count({
      where: { inscriptionId: input.id, date: { gte: today }, status: statusIn(RESERVATION_STATUSES.OPEN) },
    });
    if (upcoming > 0) throw new UserFacingError(`${count(upcoming, "réservation")} à venir dans cette inscription : annulez-les d'abord.`);
    await applyTransition(tx, {
      machine: "INSCRIPTION",
      id: input.id,
      to: "CANCELLED",
      actor: input.actor,
      reason: input.reason,
      expectedFrom: "VALIDATED",
    });
    await notifyInscriptionDecision(tx, input.id, "CANCELLED", input.reason.trim());
  });
}
