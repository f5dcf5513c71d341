import "server-only";
import { transaction, type Tx } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import {
  applyTransition,
  createWithStatus,
  INVOICE_STATUSES,
  NotFoundError,
  statusIn,
  SYSTEM,
  type Actor,
  CHECKOUT_STATUSES,
  isIn,
} from "@/lib/workflow";
import { lockFamily, lockOnlinePayment, lockOpenOnlinePayments } from "@/lib/locks";
import { dueCents } from "./amounts";
import { chooseProvider, providerOf, type OnlineMethod } from "./providers";
import { failOnlinePayment, fulfilOnlinePayment } from "./providers/fulfil-online-payment";
import { assertNoPendingDebit } from "./sepa/pending";

/*
 * « Payer mes factures »: the amount comes from the database only (the family's
 * own payable invoices, what is left to pay on each), a pending payment is
 * recorded with its Checkout session (or PayFiP operation: the provider is the lieu's, ADR 054). The webhook — or the success page — fulfils
 * it with one idempotent function: the payment, its allocations, the invoices
 * paid and the receipt e-mail in one transaction, under the payment's row lock,
 * however many times and in whatever order events arrive.
 *
 * One open payment per invoice: under the family's lock, a second « Payer » for
 * the same invoices and amount goes back to the open Checkout session; for other
 * invoices among them (or a changed amount) it expires the old session first —
 * it can then never be paid — and replaces its payment. Two parents clicking at
 * once decide one after the other, so paying twice is impossible.
 */

const sameInvoices = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((id, i) => id === b[i]);

/** How the provider names a pending payment: its Checkout session, its PayFiP operation. */
const refOf = (payment: { method: OnlineMethod; stripeCheckoutSessionId: string | null; payfipOperationId: string | null }) =>
  payment.method === "PAYFIP" ? payment.payfipOperationId : payment.stripeCheckoutSessionId;

export async function startOnlinePayment(input: {
  familyId: string;
  invoiceIds: string[];
  actor: Actor;
}): Promise<{ url: string; paymentId: string; resumed: boolean }> {
  const ids = [...new Set(input.invoiceIds)].sort();
  if (ids.length === 0) throw new UserFacingError("Cochez au moins une facture à payer.");
  // The provider is asked while the family's lock is held (that is what makes the decision atomic): its calls give up after 10 s.
  return transaction(
    async (tx) => {
      await lockFamily(tx, input.familyId);
      const invoices = await tx.invoice.findMany({
        where: { id: { in: ids }, familyId: input.familyId, kind: "INVOICE", status: statusIn(INVOICE_STATUSES.PAYABLE) },
        select: { id: true, number: true, totalCents: true, paidCents: true, creditedCents: true, structureId: true },
      });
      // Another family's invoice, a paid or cancelled one: the same answer as a missing one.
      if (invoices.length !== ids.length) throw new NotFoundError();
      // An invoice in a prélèvement on its way is not paid online meanwhile (ADR 053).
      await assertNoPendingDebit(tx, ids);
      const amountCents = invoices.reduce((sum, i) => sum + dueCents(i), 0);
      if (amountCents <= 0) throw new UserFacingError("Ces factures sont déjà réglées.");
      // Stripe or PayFiP, from the invoices' lieux d'accueil (ADR 054).
      const { provider, lieu } = chooseProvider(
        await tx.structure.findMany({
          where: { id: { in: [...new Set(invoices.map((i) => i.structureId))] } },
          select: { id: true, name: true, paymentProvider: true, payfipClientNumber: true },
        }),
      );
      // The family's open online payments that share an invoice with this one, locked against the webhook meanwhile.
      const open = await lockOpenOnlinePayments(tx, input.familyId, ids);
      for (const payment of open) {
        const ref = refOf(payment);
        if (!ref || payment.method !== provider.method || !sameInvoices(payment.invoiceIds, ids) || payment.amountCents !== amountCents)
          continue;
        const session = await provider.state(ref, payment.createdAt);
        if (isIn(CHECKOUT_STATUSES.PAYABLE, session.status) && session.url)
          return { url: session.url, paymentId: payment.id, resumed: true };
      }
      for (const payment of open) {
        const ref = refOf(payment);
        const outcome = ref ? await providerOf(payment.method).expire(ref, payment.createdAt) : "expired";
        if (outcome === "complete")
          throw new UserFacingError(
            "Un paiement en ligne de ces factures vient d'aboutir : il est en cours de confirmation. Vos factures seront marquées payées dans quelques instants ; rien d'autre à payer.",
          );
        if (outcome === "open")
          throw new UserFacingError(
            "Un paiement de ces factures est ouvert sur le site du Trésor public (PayFiP) depuis moins de 20 minutes : terminez-le, ou réessayez dans 20 minutes.",
          );
        await applyTransition(tx, {
          machine: "PAYMENT",
          id: payment.id,
          to: "FAILED",
          actor: SYSTEM,
          expectedFrom: "PENDING",
          reason: "Remplacé par un nouveau paiement (page de paiement expirée)",
        });
      }
      const created = await createWithStatus(tx, { machine: "PAYMENT", status: "PENDING", actor: input.actor }, () =>
        tx.payment.create({
          data: { familyId: input.familyId, method: provider.method, status: "PENDING", amountCents, invoiceIds: ids },
          select: { id: true, number: true },
        }),
      );
      const email = (await familyRecipients(tx, input.familyId))[0]?.email ?? null;
      const session = await provider.create({
        paymentId: created.id,
        paymentNumber: created.number,
        familyId: input.familyId,
        amountCents,
        invoiceNumbers: invoices.map((i) => i.number).sort(),
        invoiceIds: ids,
        customerEmail: email,
        lieu,
      });
      await tx.payment.update({
        where: { id: created.id },
        data: provider.method === "PAYFIP" ? { payfipOperationId: session.ref } : { stripeCheckoutSessionId: session.ref },
      });
      return { url: session.url, paymentId: created.id, resumed: false };
    },
    { timeout: 45_000 },
  );
}

/** What an event (or the success page) says of a Checkout session. */
export interface SessionReport {
  sessionId: string;
  /** client_reference_id: our payment, found even when the session id was not stored yet. */
  paymentId: string | null;
  amountTotal: number | null;
  /** ISO code as Stripe writes it (« eur »): only euros are ever allocated to invoices. */
  currency: string | null;
  paid: boolean;
  paymentIntentId: string | null;
}

/** Stripe's report on a session, fulfilled by the one function every provider shares (lib/billing/providers). */
const stripeResult = (report: SessionReport) => ({
  method: "STRIPE" as const,
  lock: (tx: Tx) => lockOnlinePayment(tx, report),
  ref: `session ${report.sessionId}`,
});

/** Records a paid session once: allocations to the invoices (in their number order), invoices paid, receipt queued. */
export async function fulfilCheckoutSession(
  report: SessionReport,
): Promise<"FULFILLED" | "ALREADY" | "WAITING" | "FLAGGED" | "CURRENCY" | "UNKNOWN"> {
  if (!report.paid) return "WAITING";
  return fulfilOnlinePayment({
    ...stripeResult(report),
    amountTotal: report.amountTotal,
    currency: report.currency,
    record: { stripeCheckoutSessionId: report.sessionId, stripePaymentIntentId: report.paymentIntentId },
  });
}

/** An expired or failed session: the pending payment is marked not completed; a payment already recorded stays. */
export async function failCheckoutSession(report: Pick<SessionReport, "sessionId" | "paymentId">): Promise<"FAILED" | "KEPT" | "UNKNOWN"> {
  return failOnlinePayment({ lock: (tx) => lockOnlinePayment(tx, report), reason: "Paiement abandonné ou refusé" });
}
