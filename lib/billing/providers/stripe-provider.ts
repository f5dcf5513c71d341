import "server-only";
import { checkout } from "../checkout";
import type { OnlinePaymentProvider } from "./types";

/** Stripe Checkout (hosted, embedded or its local stand-in): the three calls of lib/billing/checkout.ts. */
export const stripeProvider: OnlinePaymentProvider = {
  method: "STRIPE",
  async create(input) {
    const session = await checkout.create(input);
    return { ref: session.id, url: session.url };
  },
  state: (ref) => checkout.state(ref),
  expire: (ref) => checkout.expire(ref),
};
