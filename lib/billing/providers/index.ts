import "server-only";
import { UserFacingError } from "@/lib/errors";
import { payfipProvider } from "./payfip-provider";
import { stripeProvider } from "./stripe-provider";
import type { OnlineMethod, OnlinePaymentProvider } from "./types";

export type { OnlineMethod, OnlinePaymentProvider, StartRequest } from "./types";
export { PROVIDER_NAMES } from "./types";

const PROVIDERS: Readonly<Record<OnlineMethod, OnlinePaymentProvider>> = { STRIPE: stripeProvider, PAYFIP: payfipProvider };

export const providerOf = (method: OnlineMethod): OnlinePaymentProvider => PROVIDERS[method];

export interface PayingLieu {
  id: string;
  name: string;
  paymentProvider: OnlineMethod;
  payfipClientNumber: string | null;
}

/**
 * The provider of the invoices ticked in Mes factures, from their lieux d'accueil (ADR 054). Stripe is one account for
 * the installation: invoices of several Stripe lieux are paid together. A PayFiP lieu is its own régie (its numcli):
 * its invoices are paid alone, one lieu per payment — mixed with others, « Payer » says which to pay separately.
 */
export function chooseProvider(lieux: PayingLieu[]): { provider: OnlinePaymentProvider; lieu: PayingLieu } {
  const unique = [...new Map(lieux.map((l) => [l.id, l])).values()].sort((a, b) => a.name.localeCompare(b.name, "fr"));
  const payfip = unique.filter((l) => l.paymentProvider === "PAYFIP");
  if (payfip.length === 0) return { provider: stripeProvider, lieu: unique[0]! };
  if (unique.length > 1) {
    const names = payfip.map((l) => `« ${l.name} »`).join(", ");
    throw new UserFacingError(
      `Les factures de ${names} se paient sur le site du Trésor public (PayFiP), une structure à la fois : cochez seulement les factures ${payfip.length > 1 ? "d'une de ces structures" : "de cette structure"}, payez-les, puis payez les autres.`,
    );
  }
  return { provider: payfipProvider, lieu: payfip[0]! };
}
