import "server-only";
import { formatCalendarDate, formatCents, formatDate } from "@/lib/format";
import { pdfWriter } from "@/lib/pdf/document";
import { letterheadFor, type LieuDetails } from "@/lib/pdf/letterhead";

export interface TaxCertificateContent {
  year: number;
  amountCents: number;
  structure: LieuDetails & { siret: string | null };
  child: { firstName: string; lastName: string; birthDate: Date };
  /** The responsables légaux of the foyer that paid (names as « Mme Claire MARTIN »). */
  payers: string[];
  payerAddress: string[];
  /** When it is made (« Fait le … »). */
  madeAt: Date;
}

export const taxCertificateTitle = (year: number) => `Attestation de frais de garde — année ${year}`;

export const formatSiret = (siret: string) => siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, "$1 $2 $3 $4");

/**
 * The attestation the family keeps for its tax return (article 200 quater B du CGI, form 2042 RICI cases 7GA–7GC):
 * who cared for the child (the lieu's name, address, SIRET), the child (name, birth date), who paid, the year, the
 * amount actually paid that year for its care outside the home — meals excluded, aids deducted — then the date and a
 * signature line (ADR 056).
 */
export async function taxCertificatePdf(content: TaxCertificateContent): Promise<Uint8Array> {
  const title = taxCertificateTitle(content.year);
  const { structure, child } = content;
  const pdf = await pdfWriter({ title, letterhead: await letterheadFor(structure) });
  pdf.aside([...content.payers, ...content.payerAddress], 290);
  pdf.space(70);
  pdf.line(title.toUpperCase(), { bold: true, size: 15, gap: 24 });
  pdf.line("Crédit d'impôt pour frais de garde des enfants de moins de 6 ans (article 200 quater B du CGI)", { size: 10, gap: 20 });

  pdf.line("Établissement d'accueil", { bold: true });
  pdf.paragraph(structure.name);
  const address = [structure.street, `${structure.postalCode ?? ""} ${structure.city ?? ""}`.trim()].filter(Boolean).join(", ");
  if (address) pdf.paragraph(address);
  pdf.line(`SIRET : ${structure.siret ? formatSiret(structure.siret) : "non renseigné"}`);
  pdf.space(10);

  pdf.line("Enfant accueilli", { bold: true });
  pdf.paragraph(`${child.firstName} ${child.lastName.toUpperCase()}, né(e) le ${formatCalendarDate(child.birthDate)}`);
  pdf.space(10);

  pdf.line(content.payers.length > 1 ? "Personnes ayant payé les frais" : "Personne ayant payé les frais", { bold: true });
  pdf.paragraph(content.payers.join(" et ") || "—");
  pdf.space(14);

  pdf.paragraph(
    `${structure.name} atteste avoir reçu au cours de l'année ${content.year}, pour la garde de ${child.firstName} ${child.lastName.toUpperCase()} hors du domicile, la somme de :`,
    { size: 11 },
  );
  pdf.space(6);
  pdf.line(formatCents(content.amountCents), { bold: true, size: 16, gap: 24 });
  pdf.paragraph(
    "Ce montant correspond aux sommes effectivement payées dans l'année pour l'accueil de l'enfant (accueil périscolaire, accueil de loisirs, garderie). Les frais de repas (restauration scolaire) en sont exclus ; les aides portées sur les factures (CAF, employeur) et les avoirs en sont déduits.",
    { size: 10 },
  );
  pdf.space(8);
  pdf.paragraph(
    "À reporter sur la déclaration de revenus (formulaire 2042 RICI, cases 7GA à 7GC selon l'enfant ; 7GE à 7GG en cas de résidence alternée), après déduction des autres aides perçues pour cette garde (complément de libre choix du mode de garde, aide de l'employeur).",
    { size: 10 },
  );
  pdf.space(20);
  pdf.line(`Fait le ${formatDate(content.madeAt)}, pour ${structure.name}.`);
  pdf.space(30);
  pdf.line("Signature et cachet : ______________________________");
  return pdf.save();
}
