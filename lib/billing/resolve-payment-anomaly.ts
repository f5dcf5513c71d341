import "server-only";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { NotFoundError, type Actor } from "@/lib/workflow";

/** « Anomalie traitée »: staff say what they did about a flagged payment (refund, allocation by hand…). */
export async function resolvePaymentAnomaly(input: { paymentId: string; note: string; actor: Actor }) {
  const { count } = await db.payment.updateMany({
    where: { id: input.paymentId, anomaly: { not: null }, anomalyResolvedAt: null },
    data: { anomalyResolvedAt: new Date(), anomalyResolvedById: input.actor.userId, anomalyNote: input.note },
  });
  if (count === 0) {
    const exists = await db.payment.findUnique({ where: { id: input.paymentId }, select: { anomaly: true } });
    if (!exists?.anomaly) throw new NotFoundError();
    throw new UserFacingError("Cette anomalie a déjà été traitée.");
  }
}
