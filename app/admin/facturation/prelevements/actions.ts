"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { formatCents } from "@/lib/format";
import {
  exportBatchSchema,
  importReturnsSchema,
  paperMandateSchema,
  rejectDebitSchema,
  revokeMandateSchema,
} from "@/lib/billing/sepa/schemas";
import { exportDebitBatch } from "@/lib/billing/sepa/export-batch";
import { importReturns, rejectDebit } from "@/lib/billing/sepa/reject";
import { revokeMandate, signMandate } from "@/lib/billing/sepa/mandates";

/** « Exporter le fichier de prélèvement »: the batch, its debits, its file and the pré-notifications, at once. */
export const exportBatchAction = staffAction(exportBatchSchema, async ({ structureId, month, dueDate }, staff) => {
  const batch = await exportDebitBatch({ structureId, month, dueDate, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return {
    message: `Lot exporté : ${batch.count} prélèvement${batch.count > 1 ? "s" : ""} pour ${formatCents(batch.totalCents)} ; les familles sont prévenues par e-mail. Téléchargez le fichier dans la liste des lots.`,
  };
});

/** « Enregistrer le rejet » of one debit (its bank's reason code). */
export const rejectDebitAction = staffAction(rejectDebitSchema, async ({ debitId, code, rejectedOn }, staff) => {
  const outcome = await rejectDebit({ debitId, code, rejectedOn, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return {
    message:
      outcome === "ALREADY"
        ? "Ce rejet était déjà enregistré : rien n'a changé."
        : "Rejet enregistré : la facture est de nouveau à payer et la famille est prévenue par e-mail.",
  };
});

/** « Importer les rejets de la banque » (CSV « EndToEndId;code »). */
export const importReturnsAction = staffAction(importReturnsSchema, async ({ structureId, lines }, staff) => {
  const { recorded, already } = await importReturns({ structureId, lines, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return {
    message: `${recorded} rejet${recorded > 1 ? "s" : ""} enregistré${recorded > 1 ? "s" : ""}${already ? ` (${already} déjà connu${already > 1 ? "s" : ""})` : ""}.`,
  };
});

/** « Enregistrer un mandat papier » from the family's billing page. */
export const recordPaperMandateAction = staffAction(
  paperMandateSchema,
  async ({ familyId, structureId, holderName, iban, bic, signedPlace, signedOn }, staff) => {
    const mandate = await signMandate({ familyId, structureId, holderName, iban, bic, signedPlace, signedOn, actor: staff.actor });
    revalidatePath("/admin", "layout");
    return { message: `Mandat papier enregistré (RUM ${mandate.rum}).` };
  },
);

/** « Révoquer le mandat » by staff (a mandate of their lieux). */
export const staffRevokeMandateAction = staffAction(revokeMandateSchema, async ({ mandateId }, staff) => {
  const { rum } = await revokeMandate({ mandateId, familyId: null, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return { message: `Mandat ${rum} révoqué.` };
});
