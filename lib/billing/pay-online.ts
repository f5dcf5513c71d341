import "server-only";
import { transaction, type Tx } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { paymentReceivedEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { formatCents } from "@/lib/format";
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
  PAYMENT_STATUSES,
} from "@/lib/workflow";
import { lockFamily, lockInvoices, lockOnlinePayment, lockOpenOnlinePayments } from "@/lib/locks";
import { checkout } from "./checkout";
import { allocatePayment } from "./allocate-payment";
import { dueCents } from "./amounts";
import { ABANDONED_BY_STAFF } from "./payment-age";
import { assertNoPendingDebit } from "./sepa/pending";

/*
 * « Payer mes factures »: the amount comes from the database only (the family's
 * own payable invoices, what is left to pay on each), a pending payment is
 * recorded with its Checkout session. The webhook — or the success page — fulfils
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

export async function startOnlinePayment(input: {
  familyId: string;
  invoiceIds: string[];
  actor: Actor;
}): Promise<{ url: string; paymentId: string; resumed: boolean }> {
  const ids = [...new Set(input.invoiceIds)].sort();
  if (ids.length === 0) throw new UserFacingError("Cochez au moins une facture à payer.");
  // Stripe is asked while the family's lock is held (that is what makes the decision atomic): its calls give up after 10 s.
  return transaction(
    async (tx) => {
      await lockFamily(tx, input.familyId);
      const invoices = await tx.invoice.findMany({
        where: { id: { in: ids }, familyId: input.familyId, kind: "INVOICE", status: statusIn(INVOICE_STATUSES.PAYABLE) },
        select: { id: true, number: true, totalCents: true, paidCents: true, creditedCents: true },
      });
      // Another family's invoice, a paid or cancelled one: the same answer as a missing one.
      if (invoices.length !== ids.length) throw new NotFoundError();
      // An invoice in a prélèvement on its way is not paid online meanwhile (ADR 053).
      await assertNoPendingDebit(tx, ids);
      const amountCents = invoices.reduce((sum, i) => sum + dueCents(i), 0);
      if (amountCents <= 0) throw new UserFacingError("Ces factures sont déjà réglées.");
      // The family's open online payments that share an invoice with this one, locked against the webhook meanwhile.
      const open = await lockOpenOnlinePayments(tx, input.familyId, ids);
      for (const payment of open) {
        if (!payment.stripeCheckoutSessionId || !sameInvoices(payment.invoiceIds, ids) || payment.amountCents !== amountCents) continue;
        const session = await checkout.state(payment.stripeCheckoutSessionId);
        if (isIn(CHECKOUT_STATUSES.PAYABLE, session.status) && session.url)
          return { url: session.url, paymentId: payment.id, resumed: true };
      }
      for (const payment of open) {
        const outcome = payment.stripeCheckoutSessionId ? await checkout.expire(payment.stripeCheckoutSessionId) : "expired";
        if (outcome === "complete")
          throw new UserFacingError(
            "Un paiement en ligne de ces factures vient d'aboutir : il est en cours de confirmation. Vos factures seront marquées payées dans quelques instants ; rien d'autre à payer.",
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
          data: { familyId: input.familyId, method: "STRIPE", status: "PENDING", amountCents, invoiceIds: ids },
          select: { id: true },
        }),
      );
      const email = (await familyRecipients(tx, input.familyId))[0]?.email ?? null;
      const session = await checkout.create({
        paymentId: created.id,
        familyId: input.familyId,
        amountCents,
        invoiceNumbers: invoices.map((i) => i.number),
        invoiceIds: ids,
        customerEmail: email,
      });
      await tx.payment.update({ where: { id: created.id }, data: { stripeCheckoutSessionId: session.id } });
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

async function lockPayment(tx: Tx, report: SessionReport) {
  const id = await lockOnlinePayment(tx, report);
  if (!id) return null;
  return tx.payment.findUniqueOrThrow({
    where: { id },
    select: { id: true, status: true, familyId: true, amountCents: true, invoiceIds: true, stripeCheckoutSessionId: true },
  });
}

/** Whether the payment's last « non abouti » was staff marking it abandoned (lib/billing/abandon-payment.ts). */
async function abandonedByStaff(tx: Tx, paymentId: string) {
  const last = await tx.transitionLog.findFirst({
    where: { machine: "PAYMENT", entityId: paymentId, toStatus: "FAILED" },
    orderBy: { createdAt: "desc" },
    select: { reason: true },
  });
  return Boolean(last?.reason?.startsWith(ABANDONED_BY_STAFF));
}

/** Records a paid session once: allocations to the invoices (in their number order), invoices paid, receipt queued. */
export async function fulfilCheckoutSession(
  report: SessionReport,
): Promise<"FULFILLED" | "ALREADY" | "WAITING" | "FLAGGED" | "CURRENCY" | "UNKNOWN"> {
  if (!report.paid) return "WAITING";
  return transaction(async (tx) => {
    const payment = await lockPayment(tx, report);
    if (!payment) return "UNKNOWN";
    if (isIn(PAYMENT_STATUSES.RECEIVED, payment.status)) return "ALREADY";
    const received = report.amountTotal ?? 0;
    const base = { stripeCheckoutSessionId: report.sessionId, stripePaymentIntentId: report.paymentIntentId, receivedAt: new Date() };
    if (report.currency?.toLowerCase() !== "eur") {
      // Invoices are in euros: money in another currency is never counted as paying them. Staff see it among the
      // payments to check; the payment is not completed (the invoices stay to pay), and the event is answered 200.
      const currency = (report.currency ?? "inconnue").toUpperCase();
      const anomaly = `Paiement en ligne reçu dans une autre devise que l'euro (${(received / 100).toFixed(2).replace(".", ",")} ${currency}) : non affecté aux factures, à rembourser par l'accueil.`;
      console.warn(`[stripe] session ${report.sessionId} payée en ${currency} : non affectée, signalée à l'accueil`);
      await tx.payment.update({ where: { id: payment.id }, data: { ...base, anomaly } });
      if (isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status))
        await applyTransition(tx, {
          machine: "PAYMENT",
          id: payment.id,
          to: "FAILED",
          actor: SYSTEM,
          expectedFrom: "PENDING",
          reason: `Devise ${currency} au lieu de l'euro`,
        });
      return "CURRENCY";
    }
    if (received !== payment.amountCents) {
      // Money received that does not match: recorded and flagged to staff, the invoices left as they are.
      await tx.payment.update({
        where: { id: payment.id },
        data: {
          ...base,
          amountCents: received,
          anomaly: `Montant reçu ${formatCents(received)} au lieu de ${formatCents(payment.amountCents)} : à affecter par l'accueil.`,
        },
      });
      await applyTransition(tx, {
        machine: "PAYMENT",
        id: payment.id,
        to: "SUCCEEDED",
        actor: SYSTEM,
        expectedFrom: payment.status,
        reason: "Montant différent des factures",
      });
      return "FLAGGED";
    }
    const invoices = await lockInvoices(tx, payment.invoiceIds);
    const { numbers: paidNumbers, leftCents: left } = await allocatePayment(tx, {
      paymentId: payment.id,
      invoices,
      amountCents: received,
      actor: SYSTEM,
    });
    // An invoice paid meanwhile (at the desk): the rest is recorded as received, and flagged.
    // A payment staff had marked abandoned, which Stripe confirms after all: recorded, and shown to staff.
    const abandoned = isIn(PAYMENT_STATUSES.UNSUCCESSFUL, payment.status) && (await abandonedByStaff(tx, payment.id));
    const anomaly =
      [
        abandoned
          ? "Paiement marqué abandonné par l'accueil, puis confirmé par Stripe : reçu et affecté aux factures ; vérifiez que la famille n'a pas payé deux fois."
          : null,
        left > 0
          ? `Trop-perçu de ${formatCents(left)} (une facture a été réglée entre-temps) : à rembourser ou à affecter par l'accueil.`
          : null,
      ]
        .filter(Boolean)
        .join(" ") || null;
    await tx.payment.update({ where: { id: payment.id }, data: { ...base, anomaly } });
    await applyTransition(tx, { machine: "PAYMENT", id: payment.id, to: "SUCCEEDED", actor: SYSTEM, expectedFrom: payment.status });
    for (const { email: to, person } of await familyRecipients(tx, payment.familyId)) {
      await enqueueEmail(tx, {
        to,
        familyId: payment.familyId,
        template: "payment-received",
        email: paymentReceivedEmail(person, received, paidNumbers, "STRIPE", left),
      });
    }
    return anomaly ? "FLAGGED" : "FULFILLED";
  });
}

/** An expired or failed session: the pending payment is marked not completed; a payment already recorded stays. */
export async function failCheckoutSession(report: Pick<SessionReport, "sessionId" | "paymentId">): Promise<"FAILED" | "KEPT" | "UNKNOWN"> {
  return transaction(async (tx) => {
    const payment = await lockPayment(tx, { ...report, amountTotal: null, currency: null, paid: false, paymentIntentId: null });
    if (!payment) return "UNKNOWN";
    if (!isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status)) return "KEPT";
    await applyTransition(tx, {
      machine: "PAYMENT",
      id: payment.id,
      to: "FAILED",
      actor: SYSTEM,
      expectedFrom: "PENDING",
      reason: "Paiement abandonné ou refusé",
    });
    return "FAILED";
  });
}
