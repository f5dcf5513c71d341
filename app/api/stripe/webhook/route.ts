import { RejectedEventError, handleStripeWebhook } from "@/lib/billing/handle-stripe-webhook";
import { asServiceUnavailable, ServiceUnavailableError } from "@/lib/errors";

/**
 * Stripe's webhook (and the local stand-in's): the raw body as received, for the signature. A forged or unreadable
 * event → 400, with its reason; a technical failure → 500, the database down or saturated → 503 within the limits of
 * lib/db.ts; either way Stripe delivers the event again (its handling is idempotent).
 */
export async function POST(request: Request) {
  const body = await request.text();
  try {
    const result = await handleStripeWebhook(body, request.headers.get("stripe-signature"));
    return Response.json({ received: true, ...result });
  } catch (error) {
    if (error instanceof RejectedEventError) return Response.json({ error: error.message }, { status: 400 });
    if (asServiceUnavailable(error) instanceof ServiceUnavailableError) {
      console.error("[stripe] base de données indisponible, l'événement sera renvoyé :", error);
      return Response.json(
        { error: "Service momentanément indisponible : l'événement sera renvoyé." },
        { status: 503, headers: { "retry-after": "30" } },
      );
    }
    console.error("[stripe] le webhook a échoué :", error);
    return Response.json({ error: "Erreur technique : l'événement sera renvoyé." }, { status: 500 });
  }
}

export const dynamic = "force-dynamic";
