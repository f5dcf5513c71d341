import "server-only";
import { scopeWhere } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { actorScope, NotFoundError, type Actor } from "@/lib/workflow";

/** « Anomalie traitée »: staff say what they did about a flagged payment (refund, allocation by hand…). */
export async function resolvePaymentAnomaly(input: { paymentId: string; note: string; actor: Actor }) {
  // A payment none of whose allocations is to an invoice of the staff's lieux is answered as missing (ADR 029).
  const scoped = scopeWhere(actorScope(input.actor)).payment;
  const { count } = await db.payment.updateMany({
    where: { id: input.paymentId, anomaly: { not: null }, anomalyResolvedAt: null, ...scoped },
    data: { anomalyResolvedAt: new Date(), anomalyResolvedById: input.actor.userId, anomalyNote: input.note },
  });
  if (count === 0) {
    const exists = await db.payment.findFirst({ where: { id: input.paymentId, ...scoped }, select: { anomaly: true } });
    if (!exists?.anomaly) throw new NotFoundError();
    throw new UserFacingError("Cette anomalie a déjà été traitée.");
  }
}
