"use server";
import { revalidatePath } from "next/cache";
import { parentAction } from "@/lib/action";
import { formatMonth } from "@/lib/format";
import { revokeMandateSchema, signMandateSchema } from "@/lib/billing/sepa/schemas";
import { revokeMandate, signMandate } from "@/lib/billing/sepa/mandates";

/** « Signer le mandat »: the family from the session, the lieu among the family's own (else « introuvable »). */
export const signMandateAction = parentAction(signMandateSchema, async ({ structureId, holderName, iban, bic, signedPlace }, parent) => {
  const mandate = await signMandate({ familyId: parent.familyId, structureId, holderName, iban, bic, signedPlace, actor: parent.actor });
  revalidatePath("/mes-factures");
  return {
    message: `Mandat signé (RUM ${mandate.rum}) : vos factures seront prélevées à partir de celles de ${formatMonth(mandate.firstMonth)}.`,
  };
});

/** « Révoquer le mandat »: only one of the family's own. */
export const revokeMandateAction = parentAction(revokeMandateSchema, async ({ mandateId }, parent) => {
  const { rum } = await revokeMandate({ mandateId, familyId: parent.familyId, actor: parent.actor });
  revalidatePath("/mes-factures");
  return { message: `Mandat ${rum} révoqué : plus aucune facture ne sera prélevée.` };
});
