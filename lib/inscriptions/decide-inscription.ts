import "server-only";
import { db } from "@/lib/db";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { applyTransition, NotFoundError, UserFacingError, type Actor } from "@/lib/workflow";
import { hasPlace, lockScope } from "./capacity";
import { notifyInscriptionDecision } from "./notify";

/**
 * Staff accept a request (pending, or waiting for a place). A waiting request
 * is accepted only if a place is free: the limit is never exceeded.
 */
export async function acceptInscription(input: { id: string; actor: Actor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const inscription = await tx.inscription.findUnique({
      where: { id: input.id },
      select: { status: true, activityId: true, periodId: true, ageGroupId: true, activity: { select: { maxInscriptions: true } }, ageGroup: { select: { capacity: true } } },
    });
    if (!inscription) throw new NotFoundError();
    await lockScope(tx, inscription.activityId, inscription.periodId);
    if (inscription.status === "WAITLISTED") {
      const place = await hasPlace(tx, {
        activityId: inscription.activityId, periodId: inscription.periodId, ageGroupId: inscription.ageGroupId,
        maxInscriptions: inscription.activity.maxInscriptions, groupCapacity: inscription.ageGroup?.capacity ?? null,
      });
      if (!place) throw new UserFacingError("Plus de place disponible : cette demande reste en liste d'attente.");
    }
    await applyTransition(tx, { machine: "INSCRIPTION", id: input.id, to: "VALIDATED", actor: input.actor });
    await tx.inscription.update({ where: { id: input.id }, data: { decidedAt: new Date(), decidedById: input.actor.userId, waitlistRank: null } });
    await notifyInscriptionDecision(tx, input.id, "VALIDATED");
  });
}

export async function refuseInscription(input: { id: string; reason: string; actor: Actor }): Promise<void> {
  await db.$transaction(async (tx) => {
    await applyTransition(tx, { machine: "INSCRIPTION", id: input.id, to: "REFUSED", actor: input.actor, reason: input.reason });
    await tx.inscription.update({ where: { id: input.id }, data: { reason: input.reason.trim(), decidedAt: new Date(), decidedById: input.actor.userId } });
    await notifyInscriptionDecision(tx, input.id, "REFUSED", input.reason.trim());
  });
}

/** The parent withdraws a request that is still pending or waiting; scoped to the family. */
export async function withdrawInscription(input: { id: string; familyId: string; actor: Actor }): Promise<void> {
  await db.$transaction(async (tx) => {
    const inscription = await tx.inscription.findFirst({ where: { id: input.id, familyId: input.familyId }, select: { id: true } });
    if (!inscription) throw new NotFoundError();
    await applyTransition(tx, { machine: "INSCRIPTION", id: input.id, to: "WITHDRAWN", actor: input.actor });
  });
}

/**
 * Staff cancel a validated inscription (with a reason, e-mailed to the family).
 * Refused while reservations to come are still held in it: they are cancelled first.
 */
export async function cancelInscription(input: { id: string; reason: string; actor: Actor; today?: Date }): Promise<void> {
  await db.$transaction(async (tx) => {
    const today = input.today ?? dateOf(parisDay(new Date()));
    const upcoming = await tx.reservation.count({
      where: { inscriptionId: input.id, date: { gte: today }, status: { in: ["REQUESTED", "WAITLISTED", "RESERVED", "CANCELLATION_REQUESTED"] } },
    });
    if (upcoming > 0) throw new UserFacingError(`${upcoming} réservation(s) à venir dans cette inscription : annulez-les d'abord.`);
    await applyTransition(tx, { machine: "INSCRIPTION", id: input.id, to: "CANCELLED", actor: input.actor, reason: input.reason, expectedFrom: "VALIDATED" });
    await tx.inscription.update({ where: { id: input.id }, data: { reason: input.reason.trim(), decidedAt: new Date(), decidedById: input.actor.userId } });
    await notifyInscriptionDecision(tx, input.id, "CANCELLED", input.reason.trim());
  });
}
