import "server-only";
import { config } from "@/lib/config";
import { UserFacingError } from "@/lib/errors";
import { createPayfipOperation, readPayfipOperation } from "../payfip/client";
import { isPayfipResult, PAYFIP_RESULTS, payfipObjet, PayfipFault, PayfipTechnicalError } from "../payfip/soap";
import { payfipStandInAllowed } from "../payfip/stand-in-policy";
import type { OnlinePaymentProvider } from "./types";

/*
 * PayFiP (DGFiP) behind the provider interface (ADR 054). An operation (idOp) is created server-side for one debt
 * reference (refdet, made of our payment's number) and the amount computed from the invoices; the parent pays on the
 * treasury's page. PayFiP cannot cancel an operation: an open one lives 15 minutes (then the service answers P5 until
 * it forgets it, P1), so « Payer » again only replaces it once it can no longer be paid.
 */
/** An idOp is valid this long for the parent (the service's rule, ADR 054): « Payer » again sends them back to it meanwhile. */
export const PAYFIP_OPEN_MS = 15 * 60_000;
/** After this, an operation never answered can no longer be paid (the 15 minutes and a margin, as eopayment does). */
export const PAYFIP_DEAD_MS = 20 * 60_000;

export const PAYFIP_TECHNICAL_MESSAGE =
  "Le service de paiement du Trésor public (PayFiP) ne répond pas : rien n'a été débité. Réessayez dans quelques minutes, ou payez à l'accueil.";

/** A service that cannot be read is said to the parent as such, and logged with its cause. */
async function told<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PayfipTechnicalError || error instanceof PayfipFault) {
      console.error(`[payfip] ${what} impossible :`, error.message);
      throw new UserFacingError(PAYFIP_TECHNICAL_MESSAGE);
    }
    throw error;
  }
}

/** The year of the operation (« exer »), in Paris. */
const parisYear = (now: Date) => new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", year: "numeric" }).format(now);

/** PayFiP's debt reference for one of our payments: « PF » and its number, 6 to 30 letters or digits. */
export const refdetOf = (paymentNumber: number) => `PF${String(paymentNumber).padStart(8, "0")}`;

export const payfipProvider: OnlinePaymentProvider = {
  method: "PAYFIP",
  async create(input) {
    if (config.usesPayfipStandIn && !payfipStandInAllowed()) {
      console.error(
        "[payfip] PAYFIP_WS_URL n'est pas défini : le service simulé est refusé en production (ALLOW_PAYFIP_STAND_IN=1 pour une démonstration).",
      );
      throw new UserFacingError(`Le paiement en ligne de « ${input.lieu.name} » n'est pas encore ouvert : payez à l'accueil.`);
    }
    if (config.usesPayfipStandIn)
      console.warn(`[payfip] service PayFiP simulé (PAYFIP_WS_URL non défini) pour le paiement ${input.paymentId}`);
    const numcli = input.lieu.payfipClientNumber;
    if (!numcli)
      throw new UserFacingError(`Le paiement en ligne de « ${input.lieu.name} » n'est pas encore configuré : payez à l'accueil.`);
    if (!input.customerEmail)
      throw new UserFacingError("PayFiP demande une adresse e-mail : ajoutez la vôtre dans Mes coordonnées, puis payez à nouveau.");
    if (input.amountCents < 100)
      throw new UserFacingError("PayFiP n'accepte pas un paiement de moins de 1,00 € : payez ce montant à l'accueil.");
    const idOp = await told("création de l'opération", () =>
      createPayfipOperation({
        numcli,
        exer: parisYear(new Date()),
        refdet: refdetOf(input.paymentNumber),
        objet: payfipObjet(`Factures ${input.invoiceNumbers.join(" ")}`),
        montantCents: input.amountCents,
        mel: input.customerEmail!,
        urlnotif: `${config.appUrl}/api/payfip/notification`,
        urlredirect: `${config.appUrl}/api/payfip/retour?paiement=${encodeURIComponent(input.paymentId)}`,
        saisie: config.payfipSaisie,
      }),
    );
    return { ref: idOp, url: payfipPageUrl(idOp) };
  },
  async state(idOp, startedAt) {
    const state = await told("lecture de l'opération", () => readPayfipOperation(idOp));
    if (state.kind === "ANSWERED")
      return { status: isPayfipResult(PAYFIP_RESULTS.PAID, state.detail.resultrans) ? "complete" : "expired", url: null };
    if (state.kind === "OPEN" && Date.now() - startedAt.getTime() < PAYFIP_OPEN_MS) return { status: "open", url: payfipPageUrl(idOp) };
    return { status: "expired", url: null };
  },
  async expire(idOp, startedAt) {
    const state = await told("lecture de l'opération", () => readPayfipOperation(idOp));
    if (state.kind === "ANSWERED") return isPayfipResult(PAYFIP_RESULTS.PAID, state.detail.resultrans) ? "complete" : "expired";
    if (state.kind === "OPEN" && Date.now() - startedAt.getTime() < PAYFIP_DEAD_MS) return "open";
    return "expired";
  },
};

export const payfipPageUrl = (idOp: string) => `${config.payfipPaymentUrl}?idop=${encodeURIComponent(idOp)}`;
