import "server-only";
import { db, transaction } from "@/lib/db";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { paymentReceivedEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { formatCents } from "@/lib/format";
import { lockFamily, lockInvoices } from "@/lib/locks";
import { createWithStatus, SYSTEM } from "@/lib/workflow";
import { allocatePayment } from "../allocate-payment";

/*
 * Collection (ADR 053): once its due date has passed without a rejection recorded, a debit is taken as paid — a
 * Payment « Prélèvement SEPA » received on the due date, allocated to its invoice as a desk payment is
 * (allocatePayment), the mandate's first collection noted (its next debits are RCUR). Run by the worker every
 * hour and on opening the staff page; each debit in its own transaction, moved from PENDING by one conditional
 * update: run twice, or on two servers at once, a debit is collected once.
 */

export async function collectDueDebits(input: { now?: Date; structureId?: string } = {}): Promise<{ collected: number }> {
  const today = parisDay(input.now ?? new Date());
  const due = await db.directDebit.findMany({
    where: {
      status: "PENDING",
      batch: { dueDate: { lt: dateOf(today) }, ...(input.structureId ? { structureId: input.structureId } : {}) },
    },
    orderBy: { createdAt: "asc" },
    select: { id: true },
    take: 500,
  });
  let collected = 0;
  for (const { id } of due) if (await collectDebit(id)) collected += 1;
  return { collected };
}

async function collectDebit(debitId: string): Promise<boolean> {
  return transaction(async (tx) => {
    const debit = await tx.directDebit.findUniqueOrThrow({
      where: { id: debitId },
      select: {
        familyId: true,
        invoiceId: true,
        amountCents: true,
        endToEndId: true,
        mandateId: true,
        batch: { select: { dueDate: true } },
        mandate: { select: { rum: true } },
      },
    });
    await lockFamily(tx, debit.familyId, { anonymised: "allow" });
    // Taken from PENDING here and only here: a second run (or a rejection recorded meanwhile) finds nothing to move.
    const moved = await tx.directDebit.updateMany({ where: { id: debitId, status: "PENDING" }, data: { status: "COLLECTED" } });
    if (moved.count === 0) return false;
    const invoices = await lockInvoices(tx, [debit.invoiceId]);
    const payment = await createWithStatus(tx, { machine: "PAYMENT", status: "SUCCEEDED", actor: SYSTEM }, () =>
      tx.payment.create({
        data: {
          familyId: debit.familyId,
          method: "PRELEVEMENT",
          status: "SUCCEEDED",
          amountCents: debit.amountCents,
          reference: `${debit.mandate.rum} / ${debit.endToEndId}`,
          receivedAt: debit.batch.dueDate,
          invoiceIds: [debit.invoiceId],
        },
        select: { id: true },
      }),
    );
    const { numbers, leftCents } = await allocatePayment(tx, {
      paymentId: payment.id,
      invoices,
      amountCents: debit.amountCents,
      actor: SYSTEM,
    });
    // The invoice was paid otherwise meanwhile (at the desk): the money is received all the same, staff see it.
    if (leftCents > 0)
      await tx.payment.update({
        where: { id: payment.id },
        data: {
          anomaly: `Trop-perçu de ${formatCents(leftCents)} (la facture a été réglée autrement avant le prélèvement) : à rembourser ou à affecter par l'accueil.`,
        },
      });
    await tx.directDebit.update({ where: { id: debitId }, data: { paymentId: payment.id } });
    await tx.sepaMandate.updateMany({
      where: { id: debit.mandateId, firstCollectedAt: null },
      data: { firstCollectedAt: debit.batch.dueDate },
    });
    for (const { email: to, person } of await familyRecipients(tx, debit.familyId)) {
      await enqueueEmail(tx, {
        to,
        familyId: debit.familyId,
        template: "payment-received",
        email: paymentReceivedEmail(person, debit.amountCents, numbers, "PRELEVEMENT", leftCents),
      });
    }
    return true;
  });
}
