import "server-only";
import type { Tx } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { formatCalendarDate } from "@/lib/format";

/**
 * An invoice in a debit not yet collected cannot also be paid online meanwhile (ADR 053): called by « Payer »
 * (lib/billing/pay-online.ts) under the family's lock — the export takes the same lock, so the two decide one after
 * the other.
 */
export async function assertNoPendingDebit(tx: Tx, invoiceIds: string[]): Promise<void> {
  if (invoiceIds.length === 0) return;
  const debit = await tx.directDebit.findFirst({
    where: { invoiceId: { in: invoiceIds }, status: "PENDING" },
    orderBy: { createdAt: "asc" },
    select: { batch: { select: { dueDate: true } }, invoiceId: true },
  });
  if (!debit) return;
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: debit.invoiceId }, select: { number: true } });
  throw new UserFacingError(
    `La facture n° ${invoice.number} sera prélevée le ${formatCalendarDate(debit.batch.dueDate)} : elle ne peut pas être payée en ligne d'ici là.`,
  );
}
