import "server-only";
import { assertInScope, isLimited, scopeWhere } from "@/lib/auth/staff-scope";
import { NotFoundError } from "@/lib/errors";
import { transaction } from "@/lib/db";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { DAY_RANGES, dayRangeMessage } from "@/lib/forms/date-ranges";
import { fieldError, UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { paymentReceivedEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { formatCents } from "@/lib/format";
import { actorScope, createWithStatus, INVOICE_STATUSES, isIn, type Actor, statusIn } from "@/lib/workflow";
import { allocatePayment } from "./allocate-payment";
import { lockFamily, lockInvoices } from "@/lib/locks";
import { dueCents } from "./amounts";
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
  const scope = actorScope(input.actor);
  return transaction(async (tx) => {
    // Limited staff (ADR 029): a family with no inscription in their lieux, or a ticked invoice of another lieu, is
    // answered as a missing one; without ticked invoices, only those of their lieux are paid.
    await assertInScope(scope, (s) => tx.family.findFirst({ where: { id: input.familyId, ...s.family }, select: { id: true } }));
    if (isLimited(scope) && input.invoiceIds.length) {
      const ids = [...new Set(input.invoiceIds)];
      const mine = await tx.invoice.count({ where: { id: { in: ids }, familyId: input.familyId, ...scopeWhere(scope).invoice } });
      if (mine !== ids.length) throw new NotFoundError();
    }
    // The family, then its invoices (lib/locks.ts): everything below is decided on the invoices as they are now.
    await lockFamily(tx, input.familyId);
    const candidates = await tx.invoice.findMany({
      where: {
        ...scopeWhere(scope).invoice,
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
