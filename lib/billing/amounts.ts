import { INVOICE_STATUSES, isIn } from "@/lib/workflow/machines";

/** What is left to pay on an invoice: its total, less what was paid and what avoirs took off (never below zero). */
export const dueCents = (invoice: { totalCents: number; paidCents: number; creditedCents: number }) =>
  Math.max(0, invoice.totalCents - invoice.paidCents - invoice.creditedCents);

/**
 * A family's balance over its invoices (not drafts, not cancelled): positive, what it owes; negative, what the
 * structure owes it (an avoir on an invoice already paid).
 */
export const balanceCents = (invoices: { kind: string; status: string; totalCents: number; paidCents: number; creditedCents: number }[]) =>
  invoices
    .filter((i) => i.kind === "INVOICE" && isIn(INVOICE_STATUSES.SENT, i.status))
    .reduce((sum, i) => sum + i.totalCents - i.paidCents - i.creditedCents, 0);
