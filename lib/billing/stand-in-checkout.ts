import "server-only";
import { randomBytes } from "node:crypto";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { NotFoundError, CHECKOUT_STATUSES, isIn, STAND_IN_SESSION_STATUSES } from "@/lib/workflow";
import { getFamilyPayment } from "./get-family-payment";
import { stripe, usesStripeStandIn, webhookSecret, type CheckoutStatus } from "./stripe";

/*
 * The local stand-in of Stripe Checkout (no key set). Like Stripe, it keeps
 * each session's state: open until paid (complete) or expired, and an expired
 * session can never be paid — « Payer » replacing a payment expires its session.
 */

const STATUS = { OPEN: "open", COMPLETE: "complete", EXPIRED: "expired" } as const satisfies Record<string, CheckoutStatus>;
const urlOf = (id: string, paymentId: string) =>
  `${config.appUrl}/paiement/simulateur?session=${encodeURIComponent(id)}&paiement=${encodeURIComponent(paymentId)}`;

export async function createStandInSession(input: { paymentId: string; amountCents: number }): Promise<{ id: string; url: string }> {
  const id = `cs_local_${randomBytes(18).toString("base64url")}`;
  await db.standInCheckoutSession.create({ data: { id, paymentId: input.paymentId, amountCents: input.amountCents } });
  return { id, url: urlOf(id, input.paymentId) };
}

/** As Stripe's retrieve: a session unknown to the stand-in (a rolled-back payment's) can no longer be paid. */
export async function standInSessionState(id: string): Promise<{ status: CheckoutStatus; url: string | null }> {
  const session = await db.standInCheckoutSession.findUnique({ where: { id }, select: { status: true, paymentId: true } });
  if (!session) return { status: "expired", url: null };
  return {
    status: STATUS[session.status],
    url: isIn(STAND_IN_SESSION_STATUSES.PAYABLE, session.status) ? urlOf(id, session.paymentId) : null,
  };
}

/** As Stripe's expire: open → expired in one statement; a session paid meanwhile says « complete ». */
export async function expireStandInSession(id: string): Promise<"expired" | "complete"> {
  const { count } = await db.standInCheckoutSession.updateMany({ where: { id, status: "OPEN" }, data: { status: "EXPIRED" } });
  if (count === 1) return "expired";
  return isIn(CHECKOUT_STATUSES.PAID, (await standInSessionState(id)).status) ? "complete" : "expired";
}

/** The parent pays on the stand-in's page: only an open session, once (two clicks, or a session expired meanwhile: refused). */
export async function completeStandInSession(id: string): Promise<boolean> {
  const { count } = await db.standInCheckoutSession.updateMany({ where: { id, status: "OPEN" }, data: { status: "COMPLETE" } });
  return count === 1;
}

/** The webhook as the stand-in reaches it: on loopback, like Stripe would from outside. */
const webhookUrl = () => process.env.STRIPE_STAND_IN_WEBHOOK_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/api/stripe/webhook`;

/**
 * What Stripe would post when the parent pays or gives up on the stand-in checkout page: an event signed with
 * the webhook secret (`generateTestHeaderString`), sent over HTTP to the real webhook route.
 */
export async function postStandInEvent(input: {
  outcome: "PAID" | "ABANDONED";
  sessionId: string;
  paymentId: string;
  amountCents: number;
}): Promise<void> {
  if (!usesStripeStandIn) throw new Error("Le service de paiement local n'est utilisé que sans clé Stripe.");
  const payload = JSON.stringify({
    id: `evt_local_${randomBytes(12).toString("base64url")}`,
    object: "event",
    api_version: "2025-01-27",
    created: Math.floor(Date.now() / 1000),
    type: input.outcome === "PAID" ? "checkout.session.completed" : "checkout.session.expired",
    data: {
      object: {
        id: input.sessionId,
        object: "checkout.session",
        client_reference_id: input.paymentId,
        amount_total: input.amountCents,
        currency: "eur",
        payment_status: input.outcome === "PAID" ? "paid" : "unpaid",
        status: input.outcome === "PAID" ? "complete" : "expired",
        payment_intent: input.outcome === "PAID" ? `pi_local_${input.sessionId}` : null,
        metadata: { paymentId: input.paymentId },
      },
    },
  });
  const response = await fetch(webhookUrl(), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }),
    },
    body: payload,
  });
  if (!response.ok) throw new Error(`Le webhook a répondu ${response.status}.`);
}

/**
 * « Payer » / « Abandonner » on the stand-in's page, for the family's own payment: the session is completed (or
 * expired) in one statement first — an expired session is never paid, a paid one never abandoned — then the event
 * Stripe would send is posted to the real webhook. Returns where the parent goes next.
 */
export async function decideStandInCheckout(input: {
  familyId: string;
  paymentId: string;
  outcome: "PAID" | "ABANDONED";
}): Promise<{ next: string }> {
  const payment = usesStripeStandIn ? await getFamilyPayment(input.familyId, { paymentId: input.paymentId }) : null;
  if (!payment?.stripeCheckoutSessionId) throw new NotFoundError();
  const sessionId = payment.stripeCheckoutSessionId;
  if (input.outcome === "PAID" && !(await completeStandInSession(sessionId))) {
    throw new UserFacingError(
      "Cette page de paiement n'est plus valable (elle a expiré, a été remplacée ou a déjà été payée) : rien n'a été débité. Retournez à Mes factures pour payer.",
    );
  }
  if (input.outcome === "ABANDONED" && (await expireStandInSession(sessionId)) === "complete") {
    throw new UserFacingError("Ce paiement a déjà été fait : il ne peut plus être abandonné.");
  }
  await postStandInEvent({ outcome: input.outcome, sessionId, paymentId: payment.id, amountCents: payment.amountCents });
  return {
    next: input.outcome === "PAID" ? `/mes-factures/paiement?session=${encodeURIComponent(sessionId)}` : "/mes-factures?paiement=abandonne",
  };
}
