import "server-only";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { db } from "@/lib/db";
import { formatCalendarDate, formatDate, agree } from "@/lib/format";
import { INSCRIPTION_STATUSES, isIn, NotFoundError } from "@/lib/workflow";
import { UserFacingError } from "@/lib/errors";

/**
 * « Demander une attestation d'inscription »: a one-page PDF for a validated
 * inscription of the family (structure, child, activity, period, dates).
 */
export async function inscriptionAttestation(input: { id: string; familyId: string; now?: Date }): Promise<{ fileName: string; bytes: Uint8Array }> {
  const inscription = await db.inscription.findFirst({
    where: { id: input.id, familyId: input.familyId },
    select: {
      status: true, startDate: true, endDate: true,
      child: { select: { firstName: true, lastName: true, birthDate: true, sex: true } },
      activity: { select: { name: true, careType: { select: { name: true } }, structure: { select: { name: true, street: true, postalCode: true, city: true, phone: true, email: true } } } },
      period: { select: { name: true } },
      ageGroup: { select: { name: true } },
      family: { select: { name: true, street: true, postalCode: true, city: true } },
    },
  });
  if (!inscription) throw new NotFoundError();
  if (!isIn(INSCRIPTION_STATUSES.CERTIFIABLE, inscription.status)) throw new UserFacingError("Une attestation n'est délivrée que pour une inscription validée.");
  const { structure } = inscription.activity;

  const pdf = await PDFDocument.create();
  pdf.setTitle(`Attestation d'inscription — ${inscription.child.firstName} ${inscription.child.lastName}`);
  pdf.setLanguage("fr-FR");
  pdf.setAuthor(structure.name);
  const page = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let y = 790;
  // Standard PDF fonts encode WinAnsi only: anything else (rare letters, emoji) becomes « ? ».
  const printable = (text: string) => text.normalize("NFC").replace(/[^\x20-\x7E\u00A0-\u00FF\u2014\u2019\u0152\u0153\u20AC]/g, "?");
  const line = (text: string, options: { font?: typeof regular; size?: number; gap?: number } = {}) => {
    page.drawText(printable(text), { x: 56, y, size: options.size ?? 11, font: options.font ?? regular, color: rgb(0.1, 0.1, 0.1) });
    y -= options.gap ?? 16;
  };
  line(structure.name, { font: bold, size: 13 });
  if (structure.street) line(structure.street);
  if (structure.postalCode || structure.city) line(`${structure.postalCode ?? ""} ${structure.city ?? ""}`.trim());
  if (structure.phone || structure.email) line([structure.phone, structure.email].filter(Boolean).join(" — "));
  y -= 30;
  line("ATTESTATION D'INSCRIPTION", { font: bold, size: 18, gap: 36 });
  const child = `${inscription.child.firstName} ${inscription.child.lastName.toUpperCase()}`;
  line(`Nous attestons que l'enfant ${child},`);
  const sex = inscription.child.sex;
  line(`${agree(sex, "né", "née")} le ${formatCalendarDate(inscription.child.birthDate)}, ${agree(sex, "domicilié", "domiciliée")} chez ${inscription.family.name},`);
  line(`${inscription.family.street}, ${inscription.family.postalCode} ${inscription.family.city},`, { gap: 26 });
  line(`est ${agree(sex, "inscrit", "inscrite")} à l'activité suivante :`, { gap: 22 });
  line(`Activité : ${inscription.activity.name} (${inscription.activity.careType.name})`, { font: bold });
  line(`Période : ${inscription.period.name}`);
  if (inscription.ageGroup) line(`Groupe : ${inscription.ageGroup.name}`);
  line(`Du ${formatCalendarDate(inscription.startDate)} au ${formatCalendarDate(inscription.endDate)}`, { gap: 36 });
  line("Cette attestation est délivrée pour servir et valoir ce que de droit.", { gap: 26 });
  line(`Fait le ${formatDate(input.now ?? new Date())}, pour ${structure.name}.`);
  const bytes = await pdf.save();
  const slug = `${inscription.child.firstName}-${inscription.child.lastName}`.normalize("NFD").replace(/[^\w-]/g, "").toLowerCase();
  return { fileName: `attestation-inscription-${slug}.pdf`, bytes };
}
