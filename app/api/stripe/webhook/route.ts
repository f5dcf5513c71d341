import { handleStripeEvent, readStripeEvent } from "@/lib/billing/handle-stripe-webhook";
import { AppError, asServiceUnavailable, ServiceUnavailableError } from "@/lib/errors";
import { signedRoute } from "@/lib/http/route";

/**
 * Stripe's webhook (and the local stand-in's): the raw body as received, for the signature. A forged or unreadable
 * event → 400, with its reason; a technical failure → 500, the database down or saturated → 503 within the limits of
 * lib/db.ts; either way Stripe delivers the event again (its handling is idempotent).
 */
export const POST = signedRoute(
  async (request) => readStripeEvent(await request.text(), request.headers.get("stripe-signature")),
  async (_request, event) => {
    try {
      return Response.json({ received: true, ...(await handleStripeEvent(event)) });
    } catch (error) {
      if (asServiceUnavailable(error) instanceof ServiceUnavailableError) {
        console.error("[stripe] base de données indisponible, l'événement sera renvoyé :", error);
        throw new AppError("SERVICE_UNAVAILABLE", "Service momentanément indisponible : l'événement sera renvoyé.", { cause: error });
      }
      console.error("[stripe] le webhook a échoué :", error);
      throw new AppError("INTERNAL", "Erreur technique : l'événement sera renvoyé.", { cause: error });
    }
  },
);

export const dynamic = "force-dynamic";
