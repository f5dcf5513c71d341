import "server-only";
import { assertInScope } from "@/lib/auth/staff-scope";
import { transaction, type Tx } from "@/lib/db";
import { parisDay } from "@/lib/calendar/paris";
import { fieldError, UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { creditNoteEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { formatCents } from "@/lib/format";
import { actorScope, applyTransition, createWithStatus, INVOICE_STATUSES, isIn, NotFoundError, type Actor } from "@/lib/workflow";
import { lockInvoices } from "@/lib/locks";
import { dueCents } from "./amounts";
import { nextInvoiceNumber } from "./generate-month";

/**
 * « Faire un avoir » on an issued invoice: a credit note with its own number (same sequence), never more than what
 * is left of the invoice after earlier avoirs. It is taken off what is due; on an invoice already paid, the
 * structure owes the family the amount (its balance shows it).
 */
export async function createCreditNote(input: CreditNoteInput): Promise<{ id: string; number: string }> {
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0)
    fieldError("amount", "Montant de l'avoir : indiquez un montant supérieur à zéro.");
  return transaction(async (tx) => {
    // An invoice of another lieu than the staff's is answered as a missing one (ADR 029).
    await assertInScope(actorScope(input.actor), (s) =>
      tx.invoice.findFirst({ where: { id: input.invoiceId, ...s.invoice }, select: { id: true } }),
    );
    return creditNoteIn(tx, input);
  });
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
