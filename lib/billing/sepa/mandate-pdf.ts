import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { formatCalendarDate, formatMonth } from "@/lib/format";
import { pdfWriter } from "@/lib/pdf/document";
import { letterheadFor } from "@/lib/pdf/letterhead";
import { isIn, NotFoundError, SEPA_MANDATE_STATUSES } from "@/lib/workflow";
import { mandateText } from "./mandates";

/**
 * The mandate as a PDF (the EPC's CORE mandate form: creditor and ICS, debtor and account, RUM, type, date and place
 * of signature, the authorisation text). `familyId`: the parent's family (another family's mandate answers as a
 * missing one); null for staff, scoped to their lieux.
 */
export async function mandatePdf(input: { mandateId: string; familyId: string | null; scope?: StaffScope }) {
  const mandate = await db.sepaMandate.findFirst({
    where: {
      id: input.mandateId,
      ...(input.familyId ? { familyId: input.familyId } : input.scope ? { structure: scopeWhere(input.scope).structure } : {}),
    },
    select: {
      rum: true,
      holderName: true,
      iban: true,
      bic: true,
      status: true,
      signedAt: true,
      signedPlace: true,
      signedOnline: true,
      firstMonth: true,
      revokedAt: true,
      family: { select: { street: true, postalCode: true, city: true } },
      structure: {
        select: {
          name: true,
          street: true,
          postalCode: true,
          city: true,
          phone: true,
          email: true,
          sepaCreditorId: true,
          sepaCreditorName: true,
        },
      },
    },
  });
  if (!mandate) throw new NotFoundError("Mandat introuvable.");
  const s = mandate.structure;
  const creditor = s.sepaCreditorName ?? s.name;
  const title = `Mandat de prélèvement SEPA — ${mandate.rum}`;
  const pdf = await pdfWriter({ title, letterhead: await letterheadFor(s) });
  pdf.space(10);
  pdf.line("MANDAT DE PRÉLÈVEMENT SEPA", { bold: true, size: 16, gap: 22 });
  pdf.line(`Référence unique du mandat (RUM) : ${mandate.rum}`, { bold: true, size: 11 });
  pdf.line("Type de paiement : récurrent (prélèvement SEPA CORE)", { size: 10, gap: 18 });
  pdf.paragraph(mandateText(creditor), { size: 10 });
  pdf.space(10);
  pdf.line("Créancier", { bold: true, size: 12 });
  pdf.line(creditor, { size: 10 });
  const creditorAddress = [s.street, [s.postalCode, s.city].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  if (creditorAddress) pdf.line(creditorAddress, { size: 10 });
  pdf.line(`Identifiant créancier SEPA (ICS) : ${s.sepaCreditorId ?? "non renseigné"}`, { size: 10, gap: 18 });
  pdf.line("Débiteur", { bold: true, size: 12 });
  pdf.line(`Titulaire du compte : ${mandate.holderName}`, { size: 10 });
  const address = [mandate.family.street, [mandate.family.postalCode, mandate.family.city].filter(Boolean).join(" ")]
    .filter(Boolean)
    .join(", ");
  if (address) pdf.line(`Adresse : ${address}`, { size: 10 });
  pdf.line(`IBAN : ${mandate.iban.replace(/(.{4})/g, "$1 ").trim()}`, { size: 10 });
  pdf.line(`BIC : ${mandate.bic}`, { size: 10, gap: 18 });
  pdf.line("Signature", { bold: true, size: 12 });
  pdf.line(
    `Signé ${mandate.signedPlace ? `à ${mandate.signedPlace} ` : ""}le ${formatCalendarDate(mandate.signedAt)}${mandate.signedOnline ? ", en ligne (case d'autorisation cochée dans le portail)" : " (mandat papier enregistré par l'accueil)"}.`,
    { size: 10 },
  );
  pdf.line(`Factures prélevées à partir de : ${formatMonth(mandate.firstMonth.toISOString().slice(0, 7))}.`, { size: 10 });
  if (isIn(SEPA_MANDATE_STATUSES.REVOKED, mandate.status) && mandate.revokedAt)
    pdf.line(`Mandat révoqué le ${formatCalendarDate(mandate.revokedAt)}.`, { bold: true, size: 10 });
  pdf.space(12);
  pdf.paragraph(
    "Vos droits concernant le présent mandat sont expliqués dans un document que vous pouvez obtenir auprès de votre banque. Vous recevrez une pré-notification du montant et de la date de chaque prélèvement.",
    { size: 9 },
  );
  return { fileName: `mandat-sepa-${mandate.rum}.pdf`, bytes: await pdf.save() };
}
