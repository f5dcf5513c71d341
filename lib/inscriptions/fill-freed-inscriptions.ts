import "server-only";
import type { Tx } from "@/lib/db";
import { dayOf, parisDay } from "@/lib/calendar/paris";
import { lockInscription } from "@/lib/locks";
import { applyTransition, INSCRIPTION_STATUSES, isIn, SYSTEM, statusIn } from "@/lib/workflow";
import { hasPlace } from "./capacity";
import { notifyInscriptionDecision } from "./notify-inscription-decision";

/** Said in the log of every inscription a freed place moved (ADR 033). */
export const FREED_PLACE_REASON = "Place libérée";

/**
 * A place of an activity's période freed (a validated inscription cancelled, a pending request refused or
 * withdrawn): the waiting requests, by rank, get it — validated when the activity validates inscriptions
 * automatically (and is no pré-inscription), else made a pending request holding the place for staff (the
 * reservations' DR, lib/reservations/fill-freed-places.ts) — and their families are e-mailed. A request whose
 * group is full waits on; the next one may fit. Nothing moves once the activity's maximum is reached or the
 * période is over. The caller holds the places' lock (lockInscriptionPlaces); the rows are locked here (order 5 → 6).
 */
export async function fillFreedInscriptions(tx: Tx, scope: { activityId: string; periodId: string }, now: Date): Promise<string[]> {
  const period = await tx.period.findUniqueOrThrow({
    where: { id: scope.periodId },
    select: { endDate: true, activity: { select: { maxInscriptions: true, inscriptionValidation: true, isPreRegistration: true } } },
  });
  if (dayOf(period.endDate) < parisDay(now)) return [];
  const { activity } = period;
  const waiting = await tx.inscription.findMany({
    where: { activityId: scope.activityId, periodId: scope.periodId, status: statusIn(INSCRIPTION_STATUSES.ON_WAITING_LIST) },
    orderBy: [{ waitlistRank: "asc" }, { createdAt: "asc" }],
    select: { id: true, ageGroupId: true, ageGroup: { select: { capacity: true } } },
  });
  const automatic = activity.inscriptionValidation === "AUTOMATIC" && !activity.isPreRegistration;
  const promoted: string[] = [];
  for (const request of waiting) {
    // The activity's maximum first: once reached, no later rank can fit either.
    if (!(await hasPlace(tx, { ...scope, ageGroupId: null, maxInscriptions: activity.maxInscriptions, groupCapacity: null }))) break;
    const fits = await hasPlace(tx, {
      ...scope,
      ageGroupId: request.ageGroupId,
      maxInscriptions: null,
      groupCapacity: request.ageGroup?.capacity ?? null,
    });
    if (!fits) continue;
    const locked = await lockInscription(tx, request.id);
    if (!isIn(INSCRIPTION_STATUSES.ON_WAITING_LIST, locked.status)) continue;
    const to = automatic ? "VALIDATED" : "PENDING";
    await applyTransition(tx, {
      machine: "INSCRIPTION",
      id: request.id,
      to,
      actor: SYSTEM,
      reason: FREED_PLACE_REASON,
      expectedFrom: "WAITLISTED",
      now,
    });
    await notifyInscriptionDecision(tx, request.id, automatic ? "VALIDATED" : "OFFERED");
    promoted.push(request.id);
  }
  return promoted;
}
