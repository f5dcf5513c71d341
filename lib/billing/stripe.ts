import "server-only";
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { config } from "@/lib/config";
import { CHECKOUT_STATUSES, isIn, type CheckoutStatus } from "@/lib/workflow/machines";

/*
 * Stripe, or its local stand-in. With STRIPE_SECRET_KEY (test keys) the app
 * creates real Checkout sessions; without it, a checkout page served by the app
 * plays Stripe's part and posts events signed exactly as Stripe signs them to
 * the real webhook, so the same code path runs end to end.
 */
const secretKey = process.env.STRIPE_SECRET_KEY ?? "";
export const usesStripeStandIn = secretKey === "";

/**
 * The webhook's signing secret: Stripe's (`stripe listen` prints one), else the stand-in's, set per installation by the
 * run scripts (the page that signs and the route that verifies are separate bundles: a per-module secret would differ).
 */
export const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET || `whsec_local_${randomBytes(24).toString("base64url")}`;

/**
 * Signs and verifies events; talks to Stripe only when a key is set. A call to Stripe gives up after 10 s: « Payer »
 * asks Stripe while it holds the family's lock, so a slow Stripe must fail the request, not hold the lock for a minute.
 */
export const stripe = new Stripe(secretKey || "sk_test_local_stand_in", { timeout: 10_000, maxNetworkRetries: 1 });

export interface CheckoutRequest {
  paymentId: string;
  familyId: string;
  amountCents: number;
  invoiceNumbers: string[];
  invoiceIds: string[];
  customerEmail: string | null;
}

/** What Stripe says of a Checkout session: still payable (open), paid (complete) or no longer payable (expired). */
export type { CheckoutStatus };

/** Stripe's Checkout session for the payment: its id and the page to send the parent to. */
export async function createStripeSession(input: CheckoutRequest): Promise<{ id: string; url: string }> {
  const session = await stripe.checkout.sessions.create(
    {
      mode: "payment",
      client_reference_id: input.paymentId,
      customer_email: input.customerEmail ?? undefined,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "eur",
            unit_amount: input.amountCents,
            product_data: { name: `Factures ${input.invoiceNumbers.join(", ")}` },
          },
        },
      ],
      metadata: { paymentId: input.paymentId, familyId: input.familyId, invoiceIds: input.invoiceIds.join(",") },
      success_url: `${config.appUrl}/mes-factures/paiement?session={CHECKOUT_SESSION_ID}`,
      cancel_url: `${config.appUrl}/mes-factures?paiement=abandonne`,
    },
    { idempotencyKey: `checkout:${input.paymentId}` },
  );
  return { id: session.id, url: session.url! };
}

export async function stripeSessionState(id: string): Promise<{ status: CheckoutStatus; url: string | null }> {
  const session = await stripe.checkout.sessions.retrieve(id);
  // Stripe's statuses: open, complete, expired; anything else is not payable.
  const status: CheckoutStatus = isIn(CHECKOUT_STATUSES.PAYABLE, session.status)
    ? "open"
    : isIn(CHECKOUT_STATUSES.PAID, session.status)
      ? "complete"
      : "expired";
  return { status, url: session.url };
}

/** Expires an open session (it can no longer be paid); one that was paid meanwhile says so. */
export async function expireStripeSession(id: string): Promise<"expired" | "complete"> {
  try {
    await stripe.checkout.sessions.expire(id);
    return "expired";
  } catch (error) {
    // Stripe refuses to expire a session that is not open: read what it became.
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
    const { status } = await stripeSessionState(id);
    if (isIn(CHECKOUT_STATUSES.PAYABLE, status)) throw error;
    return status;
  }
}
