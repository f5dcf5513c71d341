import "server-only";
import { db, transaction, type Tx } from "@/lib/db";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { DAY_RANGES, dayRangeMessage } from "@/lib/forms/date-ranges";
import { fieldError, UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue";
import { creditNoteEmail, paymentReceivedEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/recipients";
import { formatCents } from "@/lib/format";
import { applyTransition, createWithStatus, INVOICE_STATUSES, isIn, NotFoundError, type Actor, statusIn } from "@/lib/workflow";
import { allocatePayment } from "./allocate";
import { lockFamily, lockInvoices } from "@/lib/locks";
import { dueCents } from "./amounts";
import { nextInvoiceNumber } from "./generate-month";
import type { DeskMethod } from "./schemas";

/*
 * The finance office's desk: a payment received (espèces, chèque, CESU, virement,
 * carte) allocated to the family's invoices, and avoirs — an issued invoice is
 * never edited. Each is one transaction under the invoices' row locks (a payment
 * under the family's lock first), so two agents recording at once never take
 * more than what is left to pay, and each decides on the invoices as they are.
 */

export async function recordDeskPayment(input: {
  familyId: string;
  method: DeskMethod;
  amountCents: number;
  reference: string | null;
  receivedOn: string;
  invoiceIds: string[];
  actor: Actor;
  now?: Date;
}): Promise<{ paymentId: string; numbers: string[] }> {
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0)
    fieldError("amount", "Montant : indiquez un montant supérieur à zéro.");
  const receivedWrong = dayRangeMessage("Date de réception", input.receivedOn, DAY_RANGES.received, parisDay(input.now ?? new Date()));
  if (receivedWrong) fieldError("receivedOn", receivedWrong);
  return transaction(async (tx) => {
    // The family, then its invoices (lib/locks.ts): everything below is decided on the invoices as they are now.
    await lockFamily(tx, input.familyId);
    const candidates = await tx.invoice.findMany({
      where: {
        familyId: input.familyId,
        kind: "INVOICE",
        ...(input.invoiceIds.length ? { id: { in: input.invoiceIds } } : { status: statusIn(INVOICE_STATUSES.PAYABLE) }),
      },
      select: { id: true },
    });
    const invoices = await lockInvoices(
      tx,
      candidates.map((i) => i.id),
    );
    const payable = invoices.filter((i) => isIn(INVOICE_STATUSES.PAYABLE, i.status));
    // A ticked invoice of another family, paid or cancelled meanwhile: nothing recorded.
    if (input.invoiceIds.length && payable.length !== new Set(input.invoiceIds).size)
      throw new UserFacingError("Une des factures cochées n'est plus à payer (réglée ou annulée entre-temps) : rechargez la page.");
    const due = payable.reduce((sum, i) => sum + dueCents(i), 0);
    if (due === 0) throw new UserFacingError("Cette famille n'a aucune facture à payer.");
    if (input.amountCents > due) {
      fieldError(
        "amount",
        `Montant : ${formatCents(input.amountCents)} dépasse le reste à payer (${formatCents(due)}${input.invoiceIds.length ? " sur les factures cochées" : ""}). Rien n'a été enregistré.`,
      );
    }
    const payment = await createWithStatus(tx, { machine: "PAYMENT", status: "SUCCEEDED", actor: input.actor }, () =>
      tx.payment.create({
        data: {
          familyId: input.familyId,
          method: input.method,
          status: "SUCCEEDED",
          amountCents: input.amountCents,
          reference: input.reference,
          recordedById: input.actor.userId,
          receivedAt: dateOf(input.receivedOn),
          invoiceIds: invoices.map((i) => i.id),
        },
        select: { id: true },
      }),
    );
    const { numbers } = await allocatePayment(tx, { paymentId: payment.id, invoices, amountCents: input.amountCents, actor: input.actor });
    for (const { email: to, person } of await familyRecipients(tx, input.familyId)) {
      await enqueueEmail(tx, {
        to,
        familyId: input.familyId,
        template: "payment-received",
        email: paymentReceivedEmail(person, input.amountCents, numbers, input.method),
      });
    }
    return { paymentId: payment.id, numbers };
  });
}

/**
 * « Faire un avoir » on an issued invoice: a credit note with its own number (same sequence), never more than what
 * is left of the invoice after earlier avoirs. It is taken off what is due; on an invoice already paid, the
 * structure owes the family the amount (its balance shows it).
 */
export async function createCreditNote(input: CreditNoteInput): Promise<{ id: string; number: string }> {
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0)
    fieldError("amount", "Montant de l'avoir : indiquez un montant supérieur à zéro.");
  return transaction((tx) => creditNoteIn(tx, input));
}

interface CreditNoteInput {
  invoiceId: string;
  amountCents: number;
  reason: string;
  actor: Actor;
  now?: Date;
}

/** The avoir in the caller's transaction (an absence justified after it was invoiced is credited with its decision). */
export async function creditNoteIn(tx: Tx, input: CreditNoteInput): Promise<{ id: string; number: string }> {
  const [invoice] = await lockInvoices(tx, [input.invoiceId]);
  if (!invoice) throw new NotFoundError();
  const full = await tx.invoice.findUniqueOrThrow({
    where: { id: invoice.id },
    select: { structureId: true, familyId: true, payerName: true, payerAddress: true, month: true },
  });
  if (isIn(INVOICE_STATUSES.NOT_SENT, invoice.status))
    throw new UserFacingError(
      `La facture n° ${invoice.number} n'est pas encore envoyée : elle se corrige en générant le mois à nouveau, pas par un avoir.`,
    );
  if (isIn(INVOICE_STATUSES.VOID, invoice.status))
    throw new UserFacingError(`La facture n° ${invoice.number} est annulée : plus d'avoir possible.`);
  const creditable = invoice.totalCents - invoice.creditedCents;
  if (input.amountCents > creditable) {
    fieldError(
      "amount",
      `Montant de l'avoir : ${formatCents(input.amountCents)} dépasse ce qui reste de la facture n° ${invoice.number} (${formatCents(creditable)}). Rien n'a été enregistré.`,
    );
  }
  const now = input.now ?? new Date();
  const number = await nextInvoiceNumber(tx, full.structureId, Number(parisDay(now).slice(0, 4)));
  const note = await createWithStatus(tx, { machine: "INVOICE", status: "DRAFT", actor: input.actor }, () =>
    tx.invoice.create({
      data: {
        number: number.number,
        structureId: full.structureId,
        year: number.year,
        sequence: number.sequence,
        kind: "CREDIT_NOTE",
        creditedInvoiceId: invoice.id,
        familyId: full.familyId,
        payerName: full.payerName,
        payerAddress: full.payerAddress,
        month: full.month,
        totalCents: -input.amountCents,
        lines: {
          create: [
            {
              label: `Avoir sur la facture n° ${invoice.number} — ${input.reason}`,
              quantity: 1,
              unitPriceCents: -input.amountCents,
              totalCents: -input.amountCents,
            },
          ],
        },
      },
      select: { id: true, number: true },
    }),
  );
  await applyTransition(tx, { machine: "INVOICE", id: note.id, to: "ISSUED", actor: input.actor, expectedFrom: "DRAFT" });
  await tx.invoice.update({ where: { id: note.id }, data: { issuedAt: now } });
  await tx.invoice.update({ where: { id: invoice.id }, data: { creditedCents: { increment: input.amountCents } } });
  if (
    isIn(INVOICE_STATUSES.PAYABLE, invoice.status) &&
    dueCents({ ...invoice, creditedCents: invoice.creditedCents + input.amountCents }) === 0
  ) {
    await applyTransition(tx, {
      machine: "INVOICE",
      id: invoice.id,
      to: "PAID",
      actor: input.actor,
      expectedFrom: invoice.status,
      reason: `Soldée par l'avoir n° ${note.number}`,
    });
  }
  for (const { email: to, person } of await familyRecipients(tx, full.familyId)) {
    await enqueueEmail(tx, {
      to,
      familyId: full.familyId,
      template: "credit-note",
      email: creditNoteEmail(person, { id: note.id, number: note.number, amountCents: input.amountCents }, invoice.number, input.reason),
    });
  }
  return note;
}

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
