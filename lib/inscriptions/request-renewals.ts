import "server-only";
import { transaction } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { lockFamily } from "@/lib/locks";
import { NotFoundError, type Actor } from "@/lib/workflow";
import { listRenewals } from "./list-renewals";
import { checkInscriptionRequest, loadInscriptionContext, sendInscriptionRequest, type SentInscription } from "./request-inscription";

export interface SentRenewal extends SentInscription {
  childFirstName: string;
  activityName: string;
  periodName: string;
}

/**
 * « Envoyer mes demandes » of « Réinscrire » (ADR 052): every ticked line of the offer becomes a request for the new
 * period, each through the same path as « Nouvelle inscription » (the rules of checkInscriptionRequest, the places
 * counted under the activity's lock, the waiting list, automatic validation, the e-mails), marked `isRenewal`.
 *
 * All or nothing for the family: one transaction under the family's lock. A line that cannot be sent any more (sent
 * meanwhile from another device, closed, no group) refuses the whole sending with its child's name, and nothing is
 * written; the parent unticks it and sends again. An id that is not one of the family's offered lines (another
 * family's inscription, an old one) answers as a missing one.
 */
export async function requestRenewals(input: {
  familyId: string;
  previousInscriptionIds: string[];
  actor: Actor;
  now?: Date;
}): Promise<SentRenewal[]> {
  const now = input.now ?? new Date();
  const ids = [...new Set(input.previousInscriptionIds)];
  if (ids.length === 0) throw new UserFacingError("Cochez au moins un enfant à réinscrire.", { lines: "Cochez au moins un enfant." });
  return transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    // Read again under the lock: what the screen showed may have changed.
    const offer = await listRenewals(input.familyId, now, tx);
    const lines = ids.map((id) => offer?.lines.find((l) => l.previousInscriptionId === id));
    if (lines.some((l) => !l)) throw new NotFoundError();
    const chosen = lines.filter((l) => l !== undefined);
    for (const line of chosen) {
      if (!line.eligible) throw new UserFacingError(`${line.child.firstName} — ${line.activity.name} : ${line.reason}`);
    }
    // The places of several activities are locked in one order (lib/locks.ts): by activity and period.
    chosen.sort((a, b) => `${a.activity.id}|${a.period.id}`.localeCompare(`${b.activity.id}|${b.period.id}`));
    const sent: SentRenewal[] = [];
    for (const line of chosen) {
      const context = await loadInscriptionContext(tx, {
        familyId: input.familyId,
        childId: line.child.id,
        activityId: line.activity.id,
        periodId: line.period.id,
      });
      if (!context) throw new NotFoundError();
      try {
        const checked = checkInscriptionRequest(context, { ageGroupId: line.group?.id ?? null, isRenewal: true }, now);
        const result = await sendInscriptionRequest(
          tx,
          context,
          checked,
          { familyId: input.familyId, actor: input.actor, isRenewal: true },
          now,
        );
        sent.push({ ...result, childFirstName: line.child.firstName, activityName: line.activity.name, periodName: line.period.name });
      } catch (error) {
        // Said with the child's name: the whole sending is refused, nothing is written.
        if (error instanceof UserFacingError && !(error instanceof NotFoundError))
          throw new UserFacingError(`${line.child.firstName} — ${line.activity.name} : ${error.message}`);
        throw error;
      }
    }
    return sent;
  });
}
