import "server-only";
import { randomBytes } from "node:crypto";
import { stripe, usesStripeStandIn, webhookSecret } from "./stripe";

/** The webhook as the stand-in reaches it: on loopback, like Stripe would from outside. */
const webhookUrl = () => process.env.STRIPE_STAND_IN_WEBHOOK_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/api/stripe/webhook`;

/**
 * What Stripe would post when the parent pays or gives up on the stand-in checkout page: an event signed with
 * the webhook secret (`generateTestHeaderString`), sent over HTTP to the real webhook route.
 */
export async function postStandInEvent(input: { outcome: "PAID" | "ABANDONED"; sessionId: string; paymentId: string; amountCents: number }): Promise<void> {
  if (!usesStripeStandIn) throw new Error("Le service de paiement local n'est utilisé que sans clé Stripe.");
  const payload = JSON.stringify({
    id: `evt_local_${randomBytes(12).toString("base64url")}`,
    object: "event",
    api_version: "2025-01-27",
    created: Math.floor(Date.now() / 1000),
    type: input.outcome === "PAID" ? "checkout.session.completed" : "checkout.session.expired",
    data: {
      object: {
        id: input.sessionId, object: "checkout.session", client_reference_id: input.paymentId, amount_total: input.amountCents, currency: "eur",
        payment_status: input.outcome === "PAID" ? "paid" : "unpaid", status: input.outcome === "PAID" ? "complete" : "expired",
        payment_intent: input.outcome === "PAID" ? `pi_local_${input.sessionId}` : null, metadata: { paymentId: input.paymentId },
      },
    },
  });
  const response = await fetch(webhookUrl(), {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }) },
    body: payload,
  });
  if (!response.ok) throw new Error(`Le webhook a répondu ${response.status}.`);
}
