import { z } from "zod";
import { dateField, entityId } from "@/lib/forms/fields";

const month = z.string({ error: "Mois : choisissez dans la liste." }).regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, "Mois : choisissez dans la liste.");

/** « Générer le mois » / « Clôturer le mois ». */
export const billingMonthSchema = z.object({ structureId: entityId, month });

/** « Envoyer les factures du mois », with their « payer avant ». */
export const issueMonthSchema = z.object({ structureId: entityId, month, dueDate: dateField("Payer avant") });

/** « Payer »: the invoices ticked in Mes factures (the amount is computed from the database). */
export const payInvoicesSchema = z.object({ invoiceIds: z.array(entityId).min(1, "Cochez au moins une facture à payer.").max(50, "50 factures au plus à la fois.") });
