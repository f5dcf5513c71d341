import "server-only";
import { db } from "@/lib/db";
import { lockPayfipPayment } from "@/lib/locks";
import { failOnlinePayment, fulfilOnlinePayment } from "../providers/fulfil-online-payment";
import { refdetOf } from "../providers/payfip-provider";
import { readPayfipOperation } from "./client";
import { isPayfipResult, PAYFIP_RESULTS } from "./soap";

/** What the service said of an operation, in the words the return page shows. */
export type PayfipAnswer = "PAID" | "REFUSED" | "ABANDONED" | "OPEN";

/**
 * PayFiP's notification (or the parent back on the return page) says only « idOp »: nothing of it is believed. The
 * portal asks the service itself (« recupererDetailPaiementSecurise ») and records ITS answer through the one
 * fulfilment every provider shares: paid (P, V) → the same idempotent fulfilment as Stripe's webhook, the amount
 * checked against the payment (a difference is an anomaly for staff); refused (R, Z) or abandoned (A) → not
 * completed, the invoices stay to pay. An idOp that is not one of our payments is not even asked about.
 */
export async function confirmPayfipOperation(idOp: string): Promise<{ outcome: string; answer: PayfipAnswer | null }> {
  const known = await db.payment.findUnique({ where: { payfipOperationId: idOp }, select: { id: true, method: true, number: true } });
  if (!known || known.method !== "PAYFIP") return { outcome: "UNKNOWN", answer: null };
  const state = await readPayfipOperation(idOp);
  const lock = (tx: Parameters<typeof lockPayfipPayment>[0]) => lockPayfipPayment(tx, idOp);
  if (state.kind === "OPEN") return { outcome: "WAITING", answer: "OPEN" };
  if (state.kind === "UNKNOWN") {
    // The service forgot it (a day after an operation never answered): it can no longer be paid.
    return { outcome: await failOnlinePayment({ lock, reason: "PayFiP : opération inconnue du service (expirée)" }), answer: "ABANDONED" };
  }
  const { detail } = state;
  if (detail.refdet !== refdetOf(known.number)) {
    // The service answering with another debt than ours for this operation: nothing recorded, said in the log.
    console.error(`[payfip] opération ${idOp} : refdet ${detail.refdet} au lieu de ${refdetOf(known.number)}, rien n'est enregistré`);
    return { outcome: "MISMATCH", answer: null };
  }
  if (isPayfipResult(PAYFIP_RESULTS.PAID, detail.resultrans)) {
    const outcome = await fulfilOnlinePayment({
      method: "PAYFIP",
      lock,
      ref: `opération ${idOp}`,
      amountTotal: detail.montantCents,
      // PayFiP pays in euros only; its answer has no currency field.
      currency: "eur",
      record: { reference: detail.numauto ? `PayFiP ${detail.numauto}` : `PayFiP ${idOp}` },
    });
    return { outcome, answer: "PAID" };
  }
  const refused = isPayfipResult(PAYFIP_RESULTS.REFUSED, detail.resultrans);
  const outcome = await failOnlinePayment({
    lock,
    reason: refused ? `PayFiP : paiement refusé (${detail.resultrans})` : `PayFiP : paiement abandonné (${detail.resultrans})`,
  });
  return { outcome, answer: refused ? "REFUSED" : "ABANDONED" };
}
