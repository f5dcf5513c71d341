import "server-only";
import Stripe from "stripe";
import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { failCheckoutSession, fulfilCheckoutSession, type SessionReport } from "./pay-online";
import { stripe, webhookSecret } from "./stripe";

/** A body the webhook refuses (not signed by Stripe or the stand-in, or not an event it can read): the route answers 400, nothing is written. */
export class RejectedEventError extends AppError {
  constructor(message: string) {
    super("BAD_REQUEST", message);
    this.name = "RejectedEventError";
  }
}

/** What the webhook reads of an event: a signed body that does not fit is refused with its reason, never a 500. */
const eventShape = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  data: z.object({ object: z.looseObject({}) }),
});

const sessionShape = z.looseObject({
  id: z.string().min(1).max(255),
  client_reference_id: z.string().nullish(),
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
  payment_status: z.string().nullish(),
  payment_intent: z.union([z.string(), z.looseObject({ id: z.string() })]).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
type SessionShape = z.infer<typeof sessionShape>;

const reportOf = (session: SessionShape | Stripe.Checkout.Session): SessionReport => ({
  sessionId: session.id,
  paymentId: session.client_reference_id ?? session.metadata?.paymentId ?? null,
  amountTotal: session.amount_total ?? null,
  currency: session.currency ?? null,
  paid: session.payment_status === "paid",
  paymentIntentId: typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null),
});

/** The first field that does not fit, named as in Stripe's documentation: « data.object manquant ou invalide ». */
const firstIssue = (error: z.ZodError, prefix = "") => {
  const path = error.issues[0]?.path ?? [];
  return path.length ? `${prefix}${path.join(".")} manquant ou invalide` : "le corps n'est pas un objet événement";
};

/** The signed body, read: a wrong signature, unreadable JSON and a body that is not an event each say so (RejectedEventError). */
export function readStripeEvent(rawBody: string, signature: string | null) {
  let parsed: unknown;
  try {
    parsed = stripe.webhooks.constructEvent(rawBody, signature ?? "", webhookSecret);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw new RejectedEventError("Signature Stripe invalide.");
    // The signature held (it is checked first): the body itself is not JSON.
    throw new RejectedEventError("Événement Stripe illisible : le corps n'est pas du JSON valide.");
  }
  const event = eventShape.safeParse(parsed);
  if (!event.success) throw new RejectedEventError(`Événement Stripe mal formé (${firstIssue(event.error)}).`);
  if (!event.data.type.startsWith("checkout.session.")) return { ...event.data, session: null };
  const session = sessionShape.safeParse(event.data.data.object);
  if (!session.success) throw new RejectedEventError(`Session Checkout mal formée (${firstIssue(session.error, "data.object.")}).`);
  return { ...event.data, session: session.data };
}

export type StripeEvent = ReturnType<typeof readStripeEvent>;

/**
 * One webhook delivery, its signature checked on the raw body (readStripeEvent): the event id stored once, then the
 * session fulfilled or failed — both idempotent, so a replay, a duplicate or two deliveries at once change nothing more.
 */
export async function handleStripeEvent(event: StripeEvent): Promise<{ type: string; outcome: string }> {
  const seen = await db.stripeEvent.findUnique({ where: { id: event.id }, select: { processedAt: true } });
  if (seen?.processedAt) return { type: event.type, outcome: "DUPLICATE" };
  await db.stripeEvent.createMany({ data: [{ id: event.id, type: event.type }], skipDuplicates: true });
  let outcome = "IGNORED";
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      outcome = await fulfilCheckoutSession(reportOf(event.session!));
      break;
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      outcome = await failCheckoutSession(reportOf(event.session!));
      break;
  }
  await db.stripeEvent.update({ where: { id: event.id }, data: { processedAt: new Date() } });
  return { type: event.type, outcome };
}

/**
 * The success page with real keys: it asks Stripe for the session and fulfils it itself, so the parent sees « payé »
 * even before the webhook arrives (the webhook then finds it done). `retrieve` is Stripe's unless a test gives one.
 */
export async function confirmCheckoutReturn(
  sessionId: string,
  retrieve: (id: string) => Promise<Stripe.Checkout.Session> = (id) => stripe.checkout.sessions.retrieve(id),
) {
  const session = await retrieve(sessionId);
  if (session.id !== sessionId) return "UNKNOWN" as const;
  return fulfilCheckoutSession(reportOf(session));
}
