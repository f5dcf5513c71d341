import "server-only";
import { db } from "@/lib/db";
import { INVOICE_STATUSES, isIn } from "@/lib/workflow";

/** A payment of the family (the success page and its receipt, the stand-in checkout): null when it is not theirs. */
export async function getFamilyPayment(familyId: string, by: { sessionId?: string; paymentId?: string }) {
  if (!by.sessionId && !by.paymentId) return null;
  const payment = await db.payment.findFirst({
    where: { familyId, ...(by.sessionId ? { stripeCheckoutSessionId: by.sessionId } : {}), ...(by.paymentId ? { id: by.paymentId } : {}) },
    select: {
      id: true,
      number: true,
      status: true,
      amountCents: true,
      receivedAt: true,
      createdAt: true,
      stripeCheckoutSessionId: true,
      method: true,
      payfipOperationId: true,
      anomaly: true,
      invoiceIds: true,
      allocations: {
        select: { amountCents: true, invoice: { select: { id: true, number: true, status: true, paidCents: true } } },
        orderBy: { invoice: { number: "asc" } },
      },
    },
  });
  if (!payment) return null;
  const { allocations, ...rest } = payment;
  return {
    ...rest,
    /** What the payment settled, invoice by invoice; the quittance exists once an invoice is paid in full. */
    settled: allocations.map((a) => ({
      invoiceId: a.invoice.id,
      number: a.invoice.number,
      amountCents: a.amountCents,
      hasQuittance: isIn(INVOICE_STATUSES.SETTLED, a.invoice.status) && a.invoice.paidCents > 0,
    })),
  };
}
