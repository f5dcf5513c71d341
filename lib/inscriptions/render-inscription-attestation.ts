import "server-only";
import { familyInscriptionWhere } from "@/lib/families/foyers";
import { db } from "@/lib/db";
import { formatCalendarDate, formatDate, agree } from "@/lib/format";
import { INSCRIPTION_STATUSES, isIn, NotFoundError } from "@/lib/workflow";
import { UserFacingError } from "@/lib/errors";
import { pdfWriter } from "@/lib/pdf/document";
import { letterheadFor } from "@/lib/pdf/letterhead";

/**
 * « Demander une attestation d'inscription »: a one-page PDF for a validated
 * inscription of the family (structure, child, activity, period, dates).
 */
export async function inscriptionAttestation(input: {
  id: string;
  familyId: string;
  now?: Date;
}): Promise<{ fileName: string; bytes: Uint8Array }> {
  const inscription = await db.inscription.findFirst({
    where: { id: input.id, ...familyInscriptionWhere(input.familyId) },
    select: {
      status: true,
      startDate: true,
      endDate: true,
      child: { select: { firstName: true, lastName: true, birthDate: true, sex: true } },
      activity: {
        select: {
          name: true,
          careType: { select: { name: true } },
          structure: { select: { name: true, street: true, postalCode: true, city: true, phone: true, email: true } },
        },
      },
      period: { select: { name: true } },
      ageGroup: { select: { name: true } },
    },
  });
  if (!inscription) throw new NotFoundError();
  // The address is the asking foyer's own: a shared child's other foyer never reads it (ADR 051).
  const family = await db.family.findUniqueOrThrow({
    where: { id: input.familyId },
    select: { name: true, street: true, postalCode: true, city: true },
  });
  if (!isIn(INSCRIPTION_STATUSES.CERTIFIABLE, inscription.status))
    throw new UserFacingError("Une attestation n'est délivrée que pour une inscription validée.");
  const { structure } = inscription.activity;

  const letterhead = await letterheadFor(structure);
  const pdf = await pdfWriter({
    title: `Attestation d'inscription — ${inscription.child.firstName} ${inscription.child.lastName}`,
    letterhead,
  });
  const line = (text: string, options: { bold?: boolean; size?: number; gap?: number } = {}) =>
    pdf.line(text, { ...options, gap: options.gap ?? 16 });
  pdf.space(20);
  line("ATTESTATION D'INSCRIPTION", { bold: true, size: 18, gap: 36 });
  const child = `${inscription.child.firstName} ${inscription.child.lastName.toUpperCase()}`;
  line(`Nous attestons que l'enfant ${child},`);
  const sex = inscription.child.sex;
  line(
    `${agree(sex, "né", "née")} le ${formatCalendarDate(inscription.child.birthDate)}, ${agree(sex, "domicilié", "domiciliée")} chez ${family.name},`,
  );
  line(`${family.street}, ${family.postalCode} ${family.city},`, { gap: 26 });
  line(`est ${agree(sex, "inscrit", "inscrite")} à l'activité suivante :`, { gap: 22 });
  line(`Activité : ${inscription.activity.name} (${inscription.activity.careType.name})`, { bold: true });
  line(`Période : ${inscription.period.name}`);
  if (inscription.ageGroup) line(`Groupe : ${inscription.ageGroup.name}`);
  line(`Du ${formatCalendarDate(inscription.startDate)} au ${formatCalendarDate(inscription.endDate)}`, { gap: 36 });
  line("Cette attestation est délivrée pour servir et valoir ce que de droit.", { gap: 26 });
  pdf.paragraph(`Fait le ${formatDate(input.now ?? new Date())}, pour ${letterhead.name}.`, { size: 11 });
  const bytes = await pdf.save();
  const slug = `${inscription.child.firstName}-${inscription.child.lastName}`
    .normalize("NFD")
    .replace(/[^\w-]/g, "")
    .toLowerCase();
  return { fileName: `attestation-inscription-${slug}.pdf`, bytes };
}
