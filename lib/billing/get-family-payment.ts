import "server-only";
import { db } from "@/lib/db";

/** A payment of the family (the success page, the stand-in checkout): null when it is not theirs. */
export async function getFamilyPayment(familyId: string, by: { sessionId?: string; paymentId?: string }) {
  if (!by.sessionId && !by.paymentId) return null;
  return db.payment.findFirst({
    where: { familyId, ...(by.sessionId ? { stripeCheckoutSessionId: by.sessionId } : {}), ...(by.paymentId ? { id: by.paymentId } : {}) },
    select: { id: true, status: true, amountCents: true, stripeCheckoutSessionId: true, anomaly: true, invoiceIds: true },
  });
}
