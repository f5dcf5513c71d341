import "server-only";
import type Stripe from "stripe";
import { db } from "@/lib/db";
import { failCheckoutSession, fulfilCheckoutSession, type SessionReport } from "./online-payment";
import { stripe, webhookSecret } from "./stripe";

/** Thrown for a body whose signature is not Stripe's (or the stand-in's): the route answers 400, nothing is written. */
export class ForgedEventError extends Error {}

const reportOf = (session: Stripe.Checkout.Session): SessionReport => ({
  sessionId: session.id,
  paymentId: session.client_reference_id ?? session.metadata?.paymentId ?? null,
  amountTotal: session.amount_total,
  paid: session.payment_status === "paid",
  paymentIntentId: typeof session.payment_intent === "string" ? session.payment_intent : session.payment_intent?.id ?? null,
});

/**
 * One webhook delivery: the signature checked on the raw body, the event id stored once, then the session
 * fulfilled or failed — both idempotent, so a replay, a duplicate or two deliveries at once change nothing more.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null): Promise<{ type: string; outcome: string }> {
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature ?? "", webhookSecret);
  } catch {
    throw new ForgedEventError("Signature Stripe invalide.");
  }
  const seen = await db.stripeEvent.findUnique({ where: { id: event.id }, select: { processedAt: true } });
  if (seen?.processedAt) return { type: event.type, outcome: "DUPLICATE" };
  await db.stripeEvent.createMany({ data: [{ id: event.id, type: event.type }], skipDuplicates: true });
  let outcome = "IGNORED";
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      outcome = await fulfilCheckoutSession(reportOf(event.data.object));
      break;
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      outcome = await failCheckoutSession(reportOf(event.data.object));
      break;
  }
  await db.stripeEvent.update({ where: { id: event.id }, data: { processedAt: new Date() } });
  return { type: event.type, outcome };
}

/**
 * The success page with real keys: it asks Stripe for the session and fulfils it itself, so the parent sees « payé »
 * even before the webhook arrives (the webhook then finds it done). `retrieve` is Stripe's unless a test gives one.
 */
export async function confirmCheckoutReturn(sessionId: string, retrieve: (id: string) => Promise<Stripe.Checkout.Session> = (id) => stripe.checkout.sessions.retrieve(id)) {
  const session = await retrieve(sessionId);
  if (session.id !== sessionId) return "UNKNOWN" as const;
  return fulfilCheckoutSession(reportOf(session));
}
