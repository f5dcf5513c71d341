import { z } from "zod";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";
import { DAY_RANGES, dateField, entityId, euros, optionalText, trimmed, wholeNumber } from "@/lib/forms/fields";
import { isMonth, parisDay } from "@/lib/calendar/paris";
import { monthInRange } from "@/lib/forms/date-ranges";

const month = z
  .string({ error: "Mois : choisissez dans la liste." })
  .refine((v) => isMonth(v) && monthInRange(v, DAY_RANGES.filter, parisDay(new Date())), "Mois : choisissez dans la liste.");

/** « Générer le mois » / « Clôturer le mois ». */
export const billingMonthSchema = z.object({ structureId: entityId, month });

/** « Reprendre » an interrupted run of the structure. */
export const billingRunSchema = z.object({ structureId: entityId, runId: entityId });

/** « Envoyer les factures du mois », with their « payer avant ». */
export const issueMonthSchema = z.object({ structureId: entityId, month, dueDate: dateField("Payer avant", DAY_RANGES.dueDate) });

/** « Payer »: the invoices ticked in Mes factures (the amount is computed from the database). */
export const payInvoicesSchema = z.object({
  invoiceIds: z.array(entityId).min(1, "Cochez au moins une facture à payer.").max(50, "50 factures au plus à la fois."),
});

export const DESK_METHODS = [
  { value: "ESPECES", label: "Espèces" },
  { value: "CHEQUE", label: "Chèque" },
  { value: "CESU", label: "CESU" },
  { value: "VIREMENT", label: "Virement" },
  { value: "CARTE_GUICHET", label: "Carte bancaire à l'accueil" },
] as const;

export type DeskMethod = (typeof DESK_METHODS)[number]["value"];
const DESK_METHOD_VALUES = DESK_METHODS.map((m) => m.value) as [DeskMethod, ...DeskMethod[]];

/** How a payment was made, in the words of the lists, the quittance and the treasury's CSV. */
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  STRIPE: "Carte bancaire en ligne",
  PAYFIP: "Carte bancaire en ligne (PayFiP)",
  PRELEVEMENT: "Prélèvement SEPA",
  ...(Object.fromEntries(DESK_METHODS.map((m) => [m.value, m.label])) as Record<DeskMethod, string>),
};

/** « Enregistrer un paiement » at the desk: allocated to the ticked invoices (all the family's, oldest first, when none is ticked). */
export const deskPaymentSchema = z
  .object({
    familyId: entityId,
    method: z.enum(DESK_METHOD_VALUES, { error: "Mode de paiement : choisissez dans la liste." }),
    amount: euros("Montant"),
    reference: optionalText("Référence", 100),
    receivedOn: dateField("Date de réception", DAY_RANGES.received),
    invoiceIds: z.array(entityId).max(50, "50 factures au plus à la fois.").default([]),
  })
  .superRefine((v, ctx) => {
    if (v.amount === 0) ctx.addIssue({ code: "custom", path: ["amount"], message: "Montant : indiquez un montant supérieur à zéro." });
    if (v.method === "CHEQUE" && !v.reference)
      ctx.addIssue({ code: "custom", path: ["reference"], message: "Référence : le numéro du chèque est obligatoire." });
  });

/** « Faire un avoir » on an issued invoice. */
export const creditNoteSchema = z
  .object({ invoiceId: entityId, amount: euros("Montant de l'avoir"), reason: trimmed("Motif de l'avoir", 300) })
  .superRefine((v, ctx) => {
    if (v.amount === 0)
      ctx.addIssue({ code: "custom", path: ["amount"], message: "Montant de l'avoir : indiquez un montant supérieur à zéro." });
  });

/** « Anomalie traitée ». */
export const resolveAnomalySchema = z.object({ paymentId: entityId, note: trimmed("Ce qui a été fait", 500) });

/** « Marquer abandonné »: an online payment stuck « en cours de confirmation ». */
export const abandonPaymentSchema = z.object({ paymentId: entityId });

/** The structure's billing settings: the « payer avant » delay, and the unpaid-invoice booking block. */
export const billingSettingsSchema = z.object({
  structureId: entityId,
  invoiceDueDays: wholeNumber("Délai de paiement", "jours", 1, 90),
  unpaidBlockDays: z
    .string({ error: "Blocage des réservations : un nombre entier de jours, ou vide pour ne jamais bloquer." })
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || (/^\d{1,3}$/.test(v) && Number(v) <= 365), {
      message: "Blocage des réservations : un nombre entier de jours entre 0 et 365, ou vide pour ne jamais bloquer.",
    })
    .transform((v) => (v === null ? null : Number(v))),
});
