"use server";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { staffAction } from "@/lib/action";
import { deMonth, formatCents } from "@/lib/format";
import {
  abandonPaymentSchema,
  billingMonthSchema,
  billingRunSchema,
  billingSettingsSchema,
  creditNoteSchema,
  deskPaymentSchema,
  issueMonthSchema,
  resolveAnomalySchema,
} from "@/lib/billing/schemas";
import { createCreditNote } from "@/lib/billing/create-credit-note";
import { recordDeskPayment } from "@/lib/billing/record-desk-payment";
import { resolvePaymentAnomaly } from "@/lib/billing/resolve-payment-anomaly";
import { abandonPayment } from "@/lib/billing/abandon-payment";
import { setBillingSettings } from "@/lib/billing/set-billing-settings";
import { lockMonthBilling } from "@/lib/billing/generate-month";
import { resumeBillingRun, runBillingRun, runsBillingHere, startBillingRun, startIssueRun } from "@/lib/billing/run-billing";

/** « Générer le mois »: the run is recorded and goes on in the background; the page shows its progress, then its summary. */
export const generateMonthAction = staffAction(billingMonthSchema, async ({ structureId, month }, staff) => {
  const run = await startBillingRun({ structureId, month, actor: staff.actor });
  // Else a server with the billing worker on takes it (BILLING_WORKER=off here).
  if (runsBillingHere()) after(() => runBillingRun(run.id, staff.actor));
  revalidatePath("/admin/facturation");
  return { message: `Génération ${deMonth(month)} lancée.` };
});

/** « Envoyer les factures »: in the background too (2,000 families take minutes); the page shows its progress, then how many were sent. */
export const issueMonthAction = staffAction(issueMonthSchema, async ({ structureId, month, dueDate }, staff) => {
  const run = await startIssueRun({ structureId, month, dueDate, actor: staff.actor });
  if (runsBillingHere()) after(() => runBillingRun(run.id, staff.actor));
  revalidatePath("/admin/facturation");
  return { message: run.drafts === 1 ? "Envoi d'une facture lancé." : `Envoi de ${run.drafts} factures lancé.` };
});

/** « Reprendre »: a run whose server stopped goes on from where it was, in the background. */
export const resumeBillingRunAction = staffAction(billingRunSchema, async ({ structureId, runId }, staff) => {
  const run = await resumeBillingRun({ runId, structureId, scope: staff.scope });
  after(() => runBillingRun(run.id, staff.actor));
  revalidatePath("/admin/facturation");
  return {
    message: run.kind === "GENERATE" ? `Génération ${deMonth(run.month)} reprise.` : `Envoi des factures ${deMonth(run.month)} repris.`,
  };
});

export const lockMonthAction = staffAction(billingMonthSchema, async ({ structureId, month }, staff) => {
  await lockMonthBilling({ structureId, month, actor: staff.actor });
  revalidatePath("/admin/facturation");
  return { message: `Mois ${deMonth(month)} clôturé : les corrections se font par avoir.` };
});

export const recordDeskPaymentAction = staffAction(
  deskPaymentSchema,
  async ({ familyId, method, amount, reference, receivedOn, invoiceIds }, staff) => {
    const { numbers } = await recordDeskPayment({
      familyId,
      method,
      amountCents: amount,
      reference,
      receivedOn,
      invoiceIds,
      actor: staff.actor,
    });
    revalidatePath("/admin", "layout");
    return {
      message: `Paiement de ${formatCents(amount)} enregistré${numbers.length ? ` (facture${numbers.length > 1 ? "s" : ""} n° ${numbers.join(", ")})` : ""} ; la famille reçoit son reçu par e-mail.`,
    };
  },
);

export const createCreditNoteAction = staffAction(creditNoteSchema, async ({ invoiceId, amount, reason }, staff) => {
  const note = await createCreditNote({ invoiceId, amountCents: amount, reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return { message: `Avoir n° ${note.number} de ${formatCents(amount)} établi ; la famille est prévenue par e-mail.` };
});

export const resolveAnomalyAction = staffAction(resolveAnomalySchema, async ({ paymentId, note }, staff) => {
  await resolvePaymentAnomaly({ paymentId, note, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return { message: "Anomalie marquée comme traitée." };
});

/** « Marquer abandonné »: an online payment stuck « en cours de confirmation » becomes « non abouti » (logged). */
export const abandonPaymentAction = staffAction(abandonPaymentSchema, async ({ paymentId }, staff) => {
  await abandonPayment({ paymentId, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return { message: "Paiement marqué abandonné : il apparaît « Paiement non abouti »." };
});

export const billingSettingsAction = staffAction(billingSettingsSchema, async (data, staff) => {
  await setBillingSettings(data, staff.scope);
  revalidatePath("/admin/facturation");
  return {
    message:
      data.unpaidBlockDays === null
        ? `Réglages enregistrés : payer avant ${data.invoiceDueDays} jours après l'envoi, réservations jamais bloquées.`
        : `Réglages enregistrés : payer avant ${data.invoiceDueDays} jours après l'envoi ; réservations bloquées ${data.unpaidBlockDays} jours après l'échéance d'une facture impayée.`,
  };
});
