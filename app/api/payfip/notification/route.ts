import { confirmPayfipOperation } from "@/lib/billing/payfip/confirm-operation";
import { PayfipFault, PayfipTechnicalError } from "@/lib/billing/payfip/soap";
import { AppError, asServiceUnavailable, ServiceUnavailableError } from "@/lib/errors";
import { readBodyUpTo } from "@/lib/net/read-body";
import { publicRoute } from "@/lib/http/route";

/**
 * PayFiP's notification (urlnotif): a form with « idOp », unsigned — so nothing of it is believed. The portal asks the
 * service for the operation's result and records that answer with the same idempotent fulfilment as Stripe's webhook
 * (lib/billing/payfip/confirm-operation.ts). An idOp that is none of our payments changes nothing; a service that
 * cannot be read answers 503 (PayFiP, or the return page, will ask again).
 */
export const POST = publicRoute(async (request) => {
  const body = await readBodyUpTo(request, 4096);
  if (body === null) return Response.json({ error: "Notification trop longue." }, { status: 400 });
  const form = new URLSearchParams(body);
  const idOp = form.get("idOp") ?? form.get("idop") ?? new URL(request.url).searchParams.get("idop") ?? "";
  if (!/^[\w-]{1,64}$/.test(idOp)) return Response.json({ error: "idOp manquant ou invalide." }, { status: 400 });
  try {
    const { outcome } = await confirmPayfipOperation(idOp);
    return Response.json({ received: true, outcome });
  } catch (error) {
    if (error instanceof PayfipTechnicalError || error instanceof PayfipFault) {
      console.error(`[payfip] notification ${idOp} : service illisible`, error.message);
      throw new AppError("SERVICE_UNAVAILABLE", "Service PayFiP illisible : la notification sera rejouée.", { cause: error });
    }
    if (asServiceUnavailable(error) instanceof ServiceUnavailableError) throw error;
    console.error("[payfip] la notification a échoué :", error);
    throw new AppError("INTERNAL", "Erreur technique : la notification sera rejouée.", { cause: error });
  }
});
