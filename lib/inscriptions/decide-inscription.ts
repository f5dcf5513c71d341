import { count } from "@/lib/format";
import "server-only";
import { familyInscriptionWhere } from "@/lib/families/foyers";
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
import { fillFreedInscriptions } from "./fill-freed-inscriptions";

/** An inscription of another lieu than the staff's is answered as a missing one (ADR 029); its activity never changes. */
const inStaffScope = (tx: Tx, id: string, actor: Actor) =>
  assertInScope(actorScope(actor), (s) => tx.inscription.findFirst({ where: { id, ...s.inscription }, select: { id: true } }));

// The inscription's row is locked, then read (lockInscription): whatever is decided below is decided on the
// status as it is now, and a reservation (which locks the same row) cannot be created in between.

/**
 * Staff validate a request (pending, or waiting for a place). A waiting request
 * is validated only if a place is free: the limit is never exceeded. The
 * activity's places are locked before the status is read, so two validations
 * at once give one validation and one « déjà validée ». A waiting request is
 * validated before an earlier rank of its group only with a reason, kept in the
 * log (ADR 033).
 */
export async function validateInscription(input: { id: string; actor: Actor; skipReason?: string }): Promise<void> {
  await transaction(async (tx) => {
    await inStaffScope(tx, input.id, input.actor);
    const scope = await placesOf(tx, input.id);
    await lockInscriptionPlaces(tx, scope.activityId, scope.periodId);
    await validateLockedInscription(tx, input);
    await notifyInscriptionDecision(tx, input.id, "VALIDATED");
  });
}

/**
 * The validation itself, its e-mail left to the caller (one e-mail per family for renewals validated at once, ADR
 * 052): the caller checked the staff's scope and holds the activity's places lock. Every refusal is thrown before
 * anything is written.
 */
export async function validateLockedInscription(tx: Tx, input: { id: string; actor: Actor; skipReason?: string }): Promise<void> {
  const inscription = await lockInscription(tx, input.id);
  const skipReason = input.skipReason?.trim() || undefined;
  if (isIn(INSCRIPTION_STATUSES.ON_WAITING_LIST, inscription.status)) {
    const limits = await tx.inscription.findUniqueOrThrow({
      where: { id: input.id },
      select: { waitlistRank: true, activity: { select: { maxInscriptions: true } }, ageGroup: { select: { capacity: true } } },
    });
    const place = await hasPlace(tx, {
      activityId: inscription.activityId,
      periodId: inscription.periodId,
      ageGroupId: inscription.ageGroupId,
      maxInscriptions: limits.activity.maxInscriptions,
      groupCapacity: limits.ageGroup?.capacity ?? null,
    });
    if (!place) throw new UserFacingError("Plus de place disponible : cette demande reste en liste d'attente.");
    const ahead = await tx.inscription.findFirst({
      where: {
        activityId: inscription.activityId,
        periodId: inscription.periodId,
        ageGroupId: inscription.ageGroupId,
        status: statusIn(INSCRIPTION_STATUSES.ON_WAITING_LIST),
        waitlistRank: { lt: limits.waitlistRank ?? 0 },
      },
      orderBy: { waitlistRank: "asc" },
      select: { child: { select: { firstName: true, lastName: true } } },
    });
    if (ahead && !skipReason) throw new UserFacingError(skipRefusal(`${ahead.child.firstName} ${ahead.child.lastName}`));
  }
  await applyTransition(tx, {
    machine: "INSCRIPTION",
    id: input.id,
    to: "VALIDATED",
    actor: input.actor,
    // Only a skip says why: it is the decision's reason, in the log with who decided it.
    reason: skipReason ? `${SKIP_REASON_PREFIX}${skipReason}` : undefined,
    expectedFrom: inscription.status,
  });
}

/** What the log says of a waiting request validated before an earlier rank (ADR 033). */
export const SKIP_REASON_PREFIX = "Validée avant son rang : ";
export const skipRefusal = (ahead: string) =>
  `${ahead} attend avant cette demande dans la liste d'attente du même groupe : validez d'abord sa demande, ou dites pourquoi vous passez devant (motif).`;

/** The activity and période of an inscription never change: read them to know which places to lock. */
async function placesOf(tx: Tx, id: string) {
  const scope = await tx.inscription.findUnique({ where: { id }, select: { activityId: true, periodId: true } });
  if (!scope) throw new NotFoundError();
  return scope;
}

/** A pending request refused frees its place: the waiting list moves (fillFreedInscriptions). */
export async function refuseInscription(input: { id: string; reason: string; actor: Actor; now?: Date }): Promise<void> {
  await transaction(async (tx) => {
    await inStaffScope(tx, input.id, input.actor);
    const scope = await placesOf(tx, input.id);
    await lockInscriptionPlaces(tx, scope.activityId, scope.periodId);
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
    if (isIn(INSCRIPTION_STATUSES.HOLDS_PLACE, inscription.status)) await fillFreedInscriptions(tx, scope, input.now ?? new Date());
  });
}

/** The parent withdraws a request that is still pending or waiting; scoped to the family's children (either foyer of a shared child). */
export async function withdrawInscription(input: { id: string; familyId: string; actor: Actor; now?: Date }): Promise<void> {
  await transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const inscription = await tx.inscription.findFirst({
      where: { id: input.id, ...familyInscriptionWhere(input.familyId) },
      select: { id: true, activityId: true, periodId: true },
    });
    if (!inscription) throw new NotFoundError();
    const scope = { activityId: inscription.activityId, periodId: inscription.periodId };
    await lockInscriptionPlaces(tx, scope.activityId, scope.periodId);
    const locked = await lockInscription(tx, input.id);
    await applyTransition(tx, { machine: "INSCRIPTION", id: input.id, to: "WITHDRAWN", actor: input.actor, expectedFrom: locked.status });
    // A pending request held a place: the waiting list moves.
    if (isIn(INSCRIPTION_STATUSES.HOLDS_PLACE, locked.status)) await fillFreedInscriptions(tx, scope, input.now ?? new Date());
  });
}

/**
 * Staff cancel a validated inscription (with a reason, e-mailed to the family).
 * Refused while reservations to come are still open in it: they are cancelled
 * first. The inscription is locked before they are counted, so none can be
 * created in between (a reservation locks the same row).
 */
export async function cancelInscription(input: { id: string; reason: string; actor: Actor; today?: Date; now?: Date }): Promise<void> {
  await transaction(async (tx) => {
    await inStaffScope(tx, input.id, input.actor);
    const scope = await placesOf(tx, input.id);
    await lockInscriptionPlaces(tx, scope.activityId, scope.periodId);
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
    // Its place goes to the waiting list, in the same transaction and under the same lock (ADR 033).
    await fillFreedInscriptions(tx, scope, input.now ?? new Date());
  });
}
