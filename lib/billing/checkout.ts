import "server-only";
import {
  createStripeSession,
  expireStripeSession,
  stripeSessionState,
  usesStripeStandIn,
  type CheckoutRequest,
  type CheckoutStatus,
} from "./stripe";
import { createStandInSession, expireStandInSession, standInSessionState } from "./stand-in-checkout";

/** Checkout sessions, Stripe's with a key, else the local stand-in's: the same three calls either way. */
export const checkout = {
  create: (input: CheckoutRequest): Promise<{ id: string; url: string }> =>
    usesStripeStandIn ? createStandInSession(input) : createStripeSession(input),
  state: (id: string): Promise<{ status: CheckoutStatus; url: string | null }> =>
    usesStripeStandIn ? standInSessionState(id) : stripeSessionState(id),
  expire: (id: string): Promise<"expired" | "complete"> => (usesStripeStandIn ? expireStandInSession(id) : expireStripeSession(id)),
};
