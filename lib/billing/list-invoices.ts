import "server-only";
import { db } from "@/lib/db";
import { dateOf, firstOf } from "@/lib/calendar/paris";
import { INVOICE_STATUSES } from "@/lib/workflow";

/** The staff list of a structure's month: each invoice with its family, total, what is paid, its status. */
export async function listMonthInvoices(structureId: string, month: string) {
  const [invoices, billed] = await Promise.all([
    db.invoice.findMany({
      where: { structureId, month: dateOf(firstOf(month)) },
      orderBy: { sequence: "asc" },
      select: { id: true, number: true, status: true, totalCents: true, paidCents: true, dueDate: true, family: { select: { id: true, name: true } }, _count: { select: { lines: true } } },
    }),
    db.billingMonth.findUnique({ where: { structureId_month: { structureId, month: dateOf(firstOf(month)) } }, select: { generatedAt: true, lockedAt: true } }),
  ]);
  return { invoices, generatedAt: billed?.generatedAt ?? null, lockedAt: billed?.lockedAt ?? null };
}

/** « Mes factures »: the family's issued invoices, to pay first, each with its lines. */
export async function listFamilyInvoices(familyId: string) {
  const invoices = await db.invoice.findMany({
    where: { familyId, status: { not: "DRAFT" } },
    orderBy: [{ month: "desc" }, { sequence: "desc" }],
    select: {
      id: true, number: true, status: true, month: true, totalCents: true, paidCents: true, dueDate: true, issuedAt: true,
      lines: { orderBy: [{ label: "asc" }, { date: "asc" }], select: { id: true, label: true, date: true, unitPriceCents: true, totalCents: true } },
    },
  });
  const payable = new Set<string>(INVOICE_STATUSES.PAYABLE);
  return {
    toPay: invoices.filter((i) => payable.has(i.status)),
    others: invoices.filter((i) => !payable.has(i.status)),
    balanceCents: invoices.filter((i) => payable.has(i.status)).reduce((sum, i) => sum + i.totalCents - i.paidCents, 0),
  };
}

/** A payment of the family (the success page, the stand-in checkout): null when it is not theirs. */
export async function getFamilyPayment(familyId: string, by: { sessionId?: string; paymentId?: string }) {
  if (!by.sessionId && !by.paymentId) return null;
  return db.payment.findFirst({
    where: { familyId, ...(by.sessionId ? { stripeCheckoutSessionId: by.sessionId } : {}), ...(by.paymentId ? { id: by.paymentId } : {}) },
    select: { id: true, status: true, amountCents: true, stripeCheckoutSessionId: true, anomaly: true, invoiceIds: true },
  });
}
