"use server";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { staffAction } from "@/lib/action";
import { count, formatCents, formatMonth } from "@/lib/format";
import { billingMonthSchema, billingSettingsSchema, creditNoteSchema, deskPaymentSchema, issueMonthSchema, resolveAnomalySchema } from "@/lib/billing/schemas";
import { createCreditNote, recordDeskPayment, resolvePaymentAnomaly } from "@/lib/billing/desk";
import { setBillingSettings } from "@/lib/billing/unpaid";
import { issueMonth, lockMonthBilling } from "@/lib/billing/generate-month";
import { runBillingRun, startBillingRun } from "@/lib/billing/billing-run";

/** « Générer le mois »: the run is recorded and goes on in the background; the page shows its progress, then its summary. */
export const generateMonthAction = staffAction(billingMonthSchema, async ({ structureId, month }, staff) => {
  const run = await startBillingRun({ structureId, month, actor: staff.actor });
  after(() => runBillingRun(run.id, staff.actor));
  revalidatePath("/admin/facturation");
  return { message: `Génération de ${formatMonth(month)} lancée.` };
});

export const issueMonthAction = staffAction(issueMonthSchema, async ({ structureId, month, dueDate }, staff) => {
  const { issued } = await issueMonth({ structureId, month, dueDate, actor: staff.actor });
  revalidatePath("/admin/facturation");
  return { message: issued === 0 ? "Aucune facture à envoyer." : `${count(issued, "facture envoyée", "factures envoyées")} aux familles par e-mail.` };
});

export const lockMonthAction = staffAction(billingMonthSchema, async ({ structureId, month }, staff) => {
  await lockMonthBilling({ structureId, month, actor: staff.actor });
  revalidatePath("/admin/facturation");
  return { message: `Mois de ${formatMonth(month)} clôturé : les corrections se font par avoir.` };
});

export const recordDeskPaymentAction = staffAction(deskPaymentSchema, async ({ familyId, method, amount, reference, receivedOn, invoiceIds }, staff) => {
  const { numbers } = await recordDeskPayment({ familyId, method, amountCents: amount, reference, receivedOn, invoiceIds, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return { message: `Paiement de ${formatCents(amount)} enregistré${numbers.length ? ` (facture${numbers.length > 1 ? "s" : ""} n° ${numbers.join(", ")})` : ""} ; la famille reçoit son reçu par e-mail.` };
});

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

export const billingSettingsAction = staffAction(billingSettingsSchema, async (data) => {
  await setBillingSettings(data);
  revalidatePath("/admin/facturation");
  return { message: data.unpaidBlockDays === null ? `Réglages enregistrés : payer avant ${data.invoiceDueDays} jours après l'envoi, réservations jamais bloquées.` : `Réglages enregistrés : payer avant ${data.invoiceDueDays} jours après l'envoi ; réservations bloquées ${data.unpaidBlockDays} jours après l'échéance d'une facture impayée.` };
});
