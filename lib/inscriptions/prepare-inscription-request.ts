import "server-only";
import { isPrismaError, transaction } from "@/lib/db";
import { dateOf } from "@/lib/calendar/paris";
import { lockFamily } from "@/lib/locks";
import { UserFacingError } from "@/lib/errors";
import { CHILD_STATUSES, isIn, NotFoundError } from "@/lib/workflow";
import {
  checkInscriptionRequest,
  loadInscriptionContext,
  sendInscriptionRequest,
  type InscriptionRequestInput,
  type SentInscription,
} from "./request-inscription";

export const alreadyPreparedMessage = (firstName: string) =>
  `Une demande d'inscription est déjà préparée pour ${firstName} à cette activité et cette période.`;

/**
 * « Préparer ma demande » (ADR 037): the inscription request of a child still waiting for the structure's check. It
 * meets every rule of requestInscription that does not count places (the child is the family's, the activity open,
 * the group fits, the dates inside the period), and is kept until the child is decided: sent through the inscription
 * workflow in the transaction that validates the child (send-prepared-inscriptions.ts), dropped if it is refused.
 * A child validated meanwhile gets the request sent at once.
 */
export async function prepareInscriptionRequest(
  input: InscriptionRequestInput,
): Promise<({ kind: "SENT" } & SentInscription) | { kind: "PREPARED"; id: string }> {
  const now = input.now ?? new Date();
  return transaction(async (tx) => {
    // The family first (lib/locks.ts): the child's decision takes it too, so the two pass one after the other.
    await lockFamily(tx, input.familyId);
    // Another family's child answers as a missing one: nothing is written.
    const context = await loadInscriptionContext(tx, input, CHILD_STATUSES.ON_FILE);
    if (!context) throw new NotFoundError();
    const checked = checkInscriptionRequest(context, input, now);
    if (!isIn(CHILD_STATUSES.AWAITING_DECISION, context.child.status)) {
      return { kind: "SENT" as const, ...(await sendInscriptionRequest(tx, context, checked, input, now)) };
    }
    if (!input.actor.userId) throw new NotFoundError();
    try {
      const row = await tx.preparedInscription.create({
        data: {
          familyId: input.familyId,
          childId: context.child.id,
          activityId: context.activity.id,
          periodId: context.period.id,
          ageGroupId: checked.groupId,
          startDate: dateOf(checked.start),
          endDate: dateOf(checked.end),
          preparedById: input.actor.userId,
        },
        select: { id: true },
      });
      return { kind: "PREPARED" as const, id: row.id };
    } catch (error) {
      if (isPrismaError(error, "P2002")) throw new UserFacingError(alreadyPreparedMessage(context.child.firstName));
      throw error;
    }
  });
}
