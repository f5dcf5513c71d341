/** The forms of the prélèvement SEPA (ADR 053): one zod schema each, used by the form and re-parsed by the action. */
import { z } from "zod";
import { isMonth } from "@/lib/calendar/paris";
import { DAY_RANGES, dateField, entityId, trimmed, wholeNumber } from "@/lib/forms/fields";
import { REJECTION_CODE_VALUES } from "./rejection-codes";
import { bicFault, creditorIdFault, ibanFault, normalizeBic, normalizeCreditorId, normalizeIban } from "./validate";

const holderName = trimmed("Titulaire du compte", 70);
const place = trimmed("Lieu de signature", 60);

/** IBAN and BIC checked together (the BIC's country is the account's), each fault on its own field. */
const account = z.object({ iban: z.string().trim().max(50, "IBAN : 50 caractères au maximum."), bic: z.string().trim().max(20) });
function checkAccount(v: { iban: string; bic: string }, ctx: z.RefinementCtx) {
  const iban = ibanFault(v.iban);
  if (iban) ctx.addIssue({ code: "custom", path: ["iban"], message: iban });
  const bic = bicFault(v.bic, iban ? undefined : v.iban);
  if (bic) ctx.addIssue({ code: "custom", path: ["bic"], message: bic });
}
const normalized = <T extends { iban: string; bic: string }>(v: T) => ({ ...v, iban: normalizeIban(v.iban), bic: normalizeBic(v.bic) });

/** The value of the consent box: the parent has read the mandate's text and ticks it. */
export const CONSENT = "oui";

/** « Signer le mandat » in Mes factures. */
export const signMandateSchema = account
  .extend({
    structureId: entityId,
    holderName,
    signedPlace: place,
    consent: z.array(z.string()).refine((v) => v.includes(CONSENT), { message: "Autorisation : cochez la case pour signer le mandat." }),
  })
  .superRefine(checkAccount)
  .transform(normalized);

/** « Enregistrer un mandat papier » from the family's billing page. */
export const paperMandateSchema = account
  .extend({
    familyId: entityId,
    structureId: entityId,
    holderName,
    signedPlace: place,
    signedOn: dateField("Date de signature", { from: { years: -10 }, to: {}, tooLate: "elle ne peut pas être dans le futur." }),
  })
  .superRefine(checkAccount)
  .transform(normalized);

/** « Révoquer le mandat » (a parent, or staff). */
export const revokeMandateSchema = z.object({ mandateId: entityId });

/** The lieu's creditor settings (/admin/structures/[id]/prelevement). */
export const sepaSettingsSchema = z
  .object({
    structureId: entityId,
    creditorId: z.string().trim().max(40, "ICS : 40 caractères au maximum."),
    creditorName: trimmed("Nom du créancier", 70),
    iban: z.string().trim().max(50, "IBAN : 50 caractères au maximum."),
    bic: z.string().trim().max(20),
    prenotificationDays: wholeNumber("Délai de pré-notification", "jours", 2, 60),
    rejectionFee: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/[\s\u00A0€]/g, "").replace(",", ".") : null))
      .refine((v) => v === null || /^\d{1,3}(\.\d{1,2})?$/.test(v), {
        message: "Frais de rejet : un montant en euros (exemple : 5,00), ou vide pour aucun.",
      })
      .transform((v) => (v === null ? null : Math.round(Number(v) * 100))),
  })
  .superRefine((v, ctx) => {
    const ics = creditorIdFault(v.creditorId);
    if (ics) ctx.addIssue({ code: "custom", path: ["creditorId"], message: ics });
    const iban = ibanFault(v.iban, "IBAN du créancier");
    if (iban) ctx.addIssue({ code: "custom", path: ["iban"], message: iban });
    const bic = bicFault(v.bic, iban ? undefined : v.iban, "BIC du créancier");
    if (bic) ctx.addIssue({ code: "custom", path: ["bic"], message: bic });
  })
  .transform((v) => ({ ...v, creditorId: normalizeCreditorId(v.creditorId), iban: normalizeIban(v.iban), bic: normalizeBic(v.bic) }));

const month = z.string({ error: "Mois : choisissez dans la liste." }).refine(isMonth, "Mois : choisissez dans la liste.");

/** « Exporter le fichier de prélèvement ». */
export const exportBatchSchema = z.object({
  structureId: entityId,
  month,
  dueDate: dateField("Date d'échéance", DAY_RANGES.dueDate),
});

/** « Enregistrer le rejet » of one debit. */
export const rejectDebitSchema = z.object({
  debitId: entityId,
  code: z.enum(REJECTION_CODE_VALUES, { error: "Motif du rejet : choisissez dans la liste." }),
  rejectedOn: dateField("Date du rejet", DAY_RANGES.received),
});

/** The bank's returns pasted as CSV lines « EndToEndId;code » (ADR 053: no XML parser is installed). */
export const importReturnsSchema = z.object({
  structureId: entityId,
  lines: trimmed("Rejets", 20_000),
});
