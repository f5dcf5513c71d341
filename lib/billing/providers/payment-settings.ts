import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/workflow";
import { payfipStandInAllowed } from "../payfip/stand-in-policy";
import { usesEmbeddedCheckout, usesStripeStandIn } from "../stripe";
import type { PaymentProviderInput } from "./schemas";

/** A lieu's « Paiement en ligne » page: its provider, its numcli, and which of the services are the local stand-ins. */
export async function getPaymentSettings(structureId: string, scope: StaffScope) {
  const structure = await db.structure.findFirst({
    where: { id: structureId, ...scopeWhere(scope).structure },
    select: { id: true, name: true, paymentProvider: true, payfipClientNumber: true },
  });
  if (!structure) return null;
  return {
    ...structure,
    stripe: { standIn: usesStripeStandIn, embedded: usesEmbeddedCheckout() },
    payfip: { standIn: config.usesPayfipStandIn, standInAllowed: payfipStandInAllowed(), saisie: config.payfipSaisie },
  };
}

/** Sets how the lieu's families pay online; a lieu out of the agent's scope answers as a missing one. */
export async function setPaymentProvider(input: PaymentProviderInput, scope: StaffScope) {
  const { count } = await db.structure.updateMany({
    where: { id: input.structureId, ...scopeWhere(scope).structure },
    data: { paymentProvider: input.paymentProvider, payfipClientNumber: input.payfipClientNumber },
  });
  if (count === 0) throw new NotFoundError();
}
