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

/**
 * Stripe's publishable key (pk_…), read at run time on the server and handed to the payment page (no rebuild to set
 * it, unlike a NEXT_PUBLIC_ variable): with a secret key AND it, Checkout is embedded in the portal (ADR 014);
 * without it, or on the offline stand-in, the parent is redirected to Checkout's page.
 */
export const stripePublishableKey = (): string | null => (!usesStripeStandIn && process.env.STRIPE_PUBLISHABLE_KEY?.trim()) || null;
export const usesEmbeddedCheckout = () => stripePublishableKey() !== null;

/** The portal's page that holds the embedded Checkout of a payment. */
export const embeddedCheckoutUrl = (paymentId: string) =>
  `${config.appUrl}/mes-factures/paiement/carte?paiement=${encodeURIComponent(paymentId)}`;

/**
 * The Checkout session's parameters: the amount from our invoices, our payment's id as client_reference_id. Embedded
 * (`ui_mode: "embedded_page"`, the value of Stripe's API 2026-03-25 and later, which stripe 23 speaks — the older
 * `"embedded"` is refused) comes back to `return_url`; hosted Checkout to `success_url` / `cancel_url`.
 */
export function checkoutSessionParams(input: CheckoutRequest, embedded: boolean): Stripe.Checkout.SessionCreateParams {
  const common: Stripe.Checkout.SessionCreateParams = {
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
  };
  const back = `${config.appUrl}/mes-factures/paiement?session={CHECKOUT_SESSION_ID}`;
  return embedded
    ? { ...common, ui_mode: "embedded_page", return_url: back }
    : { ...common, success_url: back, cancel_url: `${config.appUrl}/mes-factures?paiement=abandonne` };
}

/** The one call of Stripe's sessions API this needs (a test gives its own, at the HTTP client's place). */
export type SessionsCreate = (
  params: Stripe.Checkout.SessionCreateParams,
  options: Stripe.RequestOptions,
) => Promise<{ id: string; url: string | null }>;

/** Stripe's Checkout session for the payment: its id and the page to send the parent to (Stripe's, or ours when embedded). */
export async function createStripeSession(
  input: CheckoutRequest,
  create: SessionsCreate = (params, options) => stripe.checkout.sessions.create(params, options),
  embedded = usesEmbeddedCheckout(),
): Promise<{ id: string; url: string }> {
  const session = await create(checkoutSessionParams(input, embedded), { idempotencyKey: `checkout:${input.paymentId}` });
  return { id: session.id, url: embedded ? embeddedCheckoutUrl(input.paymentId) : session.url! };
}

export async function stripeSessionState(id: string): Promise<{ status: CheckoutStatus; url: string | null }> {
  const session = await stripe.checkout.sessions.retrieve(id);
  // Stripe's statuses: open, complete, expired; anything else is not payable.
  const status: CheckoutStatus = isIn(CHECKOUT_STATUSES.PAYABLE, session.status)
    ? "open"
    : isIn(CHECKOUT_STATUSES.PAID, session.status)
      ? "complete"
      : "expired";
  // An embedded session has no page of Stripe's: it is opened again on ours.
  if (session.ui_mode === "embedded_page")
    return {
      status,
      url: isIn(CHECKOUT_STATUSES.PAYABLE, status) && session.client_reference_id ? embeddedCheckoutUrl(session.client_reference_id) : null,
    };
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

/** The client secret an open embedded session is mounted with on our page; null when it can no longer be paid there. */
export async function embeddedClientSecret(
  id: string,
  retrieve: (id: string) => Promise<Stripe.Checkout.Session> = (sessionId) => stripe.checkout.sessions.retrieve(sessionId),
): Promise<string | null> {
  const session = await retrieve(id);
  if (session.id !== id || session.ui_mode !== "embedded_page" || !isIn(CHECKOUT_STATUSES.PAYABLE, session.status)) return null;
  return session.client_secret;
}
