import "server-only";
import { transaction, type Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { paymentReceivedEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { formatCents } from "@/lib/format";
import { applyTransition, isIn, PAYMENT_STATUSES, SYSTEM } from "@/lib/workflow";
import { lockInvoices } from "@/lib/locks";
import { allocatePayment } from "../allocate-payment";
import { ABANDONED_BY_STAFF } from "../payment-age";
import { PROVIDER_NAMES, type OnlineMethod } from "./types";

/*
 * The one fulfilment of an online payment, whoever reports it: Stripe's webhook or success page, PayFiP's notification
 * or return page (ADR 014, 054). Under the payment's row lock, in one transaction: allocations, invoices paid, payment
 * received, receipt queued — a second call finds it done. The amount and the currency are the provider's answer; the
 * invoices are those the payment was started for, from our database.
 */
export interface OnlinePaymentResult {
  method: OnlineMethod;
  /** Locks the payment the provider reports on (FOR UPDATE) and says which it is; null: none of ours. */
  lock: (tx: Tx) => Promise<string | null>;
  amountTotal: number | null;
  /** ISO code (« eur »): only euros are ever allocated to invoices. */
  currency: string | null;
  /** Written on the payment with the result (Stripe's session and intent, PayFiP's authorisation number). */
  record: { stripeCheckoutSessionId?: string; stripePaymentIntentId?: string | null; reference?: string | null };
  /** For the log: how the provider names it. */
  ref: string;
}

async function lockedPayment(tx: Tx, lock: OnlinePaymentResult["lock"]) {
  const id = await lock(tx);
  if (!id) return null;
  return tx.payment.findUniqueOrThrow({
    where: { id },
    select: { id: true, status: true, familyId: true, amountCents: true, invoiceIds: true },
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

export type FulfilOutcome = "FULFILLED" | "ALREADY" | "FLAGGED" | "CURRENCY" | "UNKNOWN";

/** Records money received once: allocations to the invoices (in their number order), invoices paid, receipt queued. */
export async function fulfilOnlinePayment(result: OnlinePaymentResult): Promise<FulfilOutcome> {
  const provider = PROVIDER_NAMES[result.method];
  return transaction(async (tx) => {
    const payment = await lockedPayment(tx, result.lock);
    if (!payment) return "UNKNOWN";
    if (isIn(PAYMENT_STATUSES.RECEIVED, payment.status)) return "ALREADY";
    const received = result.amountTotal ?? 0;
    const base = { ...result.record, receivedAt: new Date() };
    if (result.currency?.toLowerCase() !== "eur") {
      // Invoices are in euros: money in another currency is never counted as paying them. Staff see it among the
      // payments to check; the payment is not completed (the invoices stay to pay), and the event is answered 200.
      const currency = (result.currency ?? "inconnue").toUpperCase();
      const anomaly = `Paiement en ligne reçu dans une autre devise que l'euro (${(received / 100).toFixed(2).replace(".", ",")} ${currency}) : non affecté aux factures, à rembourser par l'accueil.`;
      console.warn(`[${result.method.toLowerCase()}] ${result.ref} payé en ${currency} : non affecté, signalé à l'accueil`);
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
    // A payment staff had marked abandoned, which the provider confirms after all: recorded, and shown to staff.
    const abandoned = isIn(PAYMENT_STATUSES.UNSUCCESSFUL, payment.status) && (await abandonedByStaff(tx, payment.id));
    const anomaly =
      [
        abandoned
          ? `Paiement marqué abandonné par l'accueil, puis confirmé par ${provider} : reçu et affecté aux factures ; vérifiez que la famille n'a pas payé deux fois.`
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
        email: paymentReceivedEmail(person, received, paidNumbers, result.method, left),
      });
    }
    return anomaly ? "FLAGGED" : "FULFILLED";
  });
}

/** Not paid (expired, refused, abandoned): the pending payment is marked not completed; a payment already recorded stays. */
export async function failOnlinePayment(input: {
  lock: OnlinePaymentResult["lock"];
  reason: string;
}): Promise<"FAILED" | "KEPT" | "UNKNOWN"> {
  return transaction(async (tx) => {
    const payment = await lockedPayment(tx, input.lock);
    if (!payment) return "UNKNOWN";
    if (!isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, payment.status)) return "KEPT";
    await applyTransition(tx, {
      machine: "PAYMENT",
      id: payment.id,
      to: "FAILED",
      actor: SYSTEM,
      expectedFrom: "PENDING",
      reason: input.reason,
    });
    return "FAILED";
  });
}
