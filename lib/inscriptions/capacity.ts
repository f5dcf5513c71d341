import "server-only";
import type { Tx } from "@/lib/db";
import { INSCRIPTION_STATUSES, statusIn } from "@/lib/workflow";

// A pending request holds its place (INSCRIPTION_STATUSES.HOLDS_PLACE): staff never validate beyond the limit.
const HOLDING = INSCRIPTION_STATUSES.HOLDS_PLACE;

export interface InscriptionScope {
  activityId: string;
  periodId: string;
  ageGroupId: string | null;
  maxInscriptions: number | null;
  groupCapacity: number | null;
}

/**
 * Is there a place left for one more inscription? The activity's maximum
 * (per period) and the group's capacity both apply. Call it under the scope's
 * lock (lockInscriptionPlaces, lib/locks.ts) so that two requests cannot both take the last place.
 */
export async function hasPlace(tx: Tx, scope: InscriptionScope): Promise<boolean> {
  if (scope.maxInscriptions !== null) {
    const taken = await tx.inscription.count({
      where: { activityId: scope.activityId, periodId: scope.periodId, status: statusIn(HOLDING) },
    });
    if (taken >= scope.maxInscriptions) return false;
  }
  if (scope.groupCapacity !== null && scope.ageGroupId) {
    const taken = await tx.inscription.count({
      where: { periodId: scope.periodId, ageGroupId: scope.ageGroupId, status: statusIn(HOLDING) },
    });
    if (taken >= scope.groupCapacity) return false;
  }
  return true;
}

/** Position on the waiting list (1 = next), among the waiting requests of the same activity and period. */
export async function waitlistPosition(
  tx: Tx,
  inscription: { activityId: string; periodId: string; waitlistRank: number | null },
): Promise<number> {
  if (inscription.waitlistRank === null) return 0;
  return tx.inscription.count({
    where: {
      activityId: inscription.activityId,
      periodId: inscription.periodId,
      status: "WAITLISTED",
      waitlistRank: { lte: inscription.waitlistRank },
    },
  });
}

export async function nextWaitlistRank(tx: Tx, activityId: string, periodId: string): Promise<number> {
  const last = await tx.inscription.aggregate({ where: { activityId, periodId }, _max: { waitlistRank: true } });
  return (last._max.waitlistRank ?? 0) + 1;
}
