"use client";
import { useCallback, useMemo } from "react";
import { loadStripe } from "@stripe/stripe-js";
import { EmbeddedCheckout, EmbeddedCheckoutProvider } from "@stripe/react-stripe-js";

/**
 * Stripe's embedded Checkout (ADR 014): the card form in the portal's page, in Stripe's own frame (card numbers never
 * reach us). Stripe.js is loaded from js.stripe.com on this page only; once paid, Stripe sends the parent to the
 * session's return_url (our return page), where the payment is confirmed as with the redirect.
 */
export function EmbeddedCheckoutPanel({ publishableKey, clientSecret }: { publishableKey: string; clientSecret: string }) {
  const stripe = useMemo(() => loadStripe(publishableKey, { locale: "fr" }), [publishableKey]);
  const fetchClientSecret = useCallback(() => Promise.resolve(clientSecret), [clientSecret]);
  return (
    <div id="paiement-carte" className="min-h-96">
      <EmbeddedCheckoutProvider stripe={stripe} options={{ fetchClientSecret }}>
        <EmbeddedCheckout />
      </EmbeddedCheckoutProvider>
    </div>
  );
}
