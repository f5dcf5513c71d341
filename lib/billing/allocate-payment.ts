import "server-only";
import type { Tx } from "@/lib/db";
import { applyTransition, INVOICE_STATUSES, isIn, type Actor } from "@/lib/workflow";
import { dueCents } from "./amounts";

import type { LockedInvoice } from "@/lib/locks";

/**
 * Allocates `amountCents` of a payment to the locked invoices, oldest number first: each takes what is left to pay
 * on it, the invoice becomes « Payée » or « Partiellement payée ». Returns the numbers paid and what is left over.
 */
export async function allocatePayment(tx: Tx, input: { paymentId: string; invoices: LockedInvoice[]; amountCents: number; actor: Actor }) {
  let left = input.amountCents;
  const numbers: string[] = [];
  for (const invoice of input.invoices) {
    const due = isIn(INVOICE_STATUSES.PAYABLE, invoice.status) ? dueCents(invoice) : 0;
    const amount = Math.min(due, left);
    if (amount <= 0) continue;
    left -= amount;
    await tx.paymentAllocation.create({ data: { paymentId: input.paymentId, invoiceId: invoice.id, amountCents: amount } });
    await tx.invoice.update({ where: { id: invoice.id }, data: { paidCents: { increment: amount } } });
    const to = amount === due ? "PAID" : "PARTIALLY_PAID";
    if (to !== invoice.status && isIn(INVOICE_STATUSES.PAYABLE, invoice.status))
      await applyTransition(tx, { machine: "INVOICE", id: invoice.id, to, actor: input.actor, expectedFrom: invoice.status });
    numbers.push(invoice.number);
  }
  return { numbers, leftCents: left };
}
