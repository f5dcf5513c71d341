import "server-only";
import { db } from "@/lib/db";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { CHILD_STATUSES, statusIn } from "@/lib/workflow";
import { missingAmong } from "@/lib/documents/list-family-uploads";
import { deName, formatLongDate } from "@/lib/format";
import type { RenewalOffer } from "./list-renewals";

export interface RefreshItem {
  text: string;
  href: string;
}

/**
 * The yearly refresh of the family file, asked with « Réinscrire » (ADR 052) and shown in « À faire »:
 * - the quotient familial of the new year (the CAF recomputes it in January): asked until one is recorded, or a
 *   change asked, since the 1st of January of the year the new period starts;
 * - each renewed child's health record and authorised persons: « Vérifiez », until a health change or an authorised
 *   person is recorded since that day (a record still right needs no change: the item goes with the offer);
 * - the documents missing, expired, or that will have expired by the new period's start.
 * Asked until the new period starts. Two small statements: the family's rows (relation joins) and the required document types.
 */
export async function listYearlyRefresh(familyId: string, offer: RenewalOffer, now: Date): Promise<RefreshItem[]> {
  // Asked before the new year starts; from then on the dashboard's own items remain.
  if (parisDay(now) >= offer.nextStartDay) return [];
  const since = dateOf(`${offer.nextStartDay.slice(0, 4)}-01-01`);
  const childIds = [...new Set(offer.lines.map((l) => l.child.id))];
  const [family, types] = await Promise.all([
    db.family.findUnique({
      where: { id: familyId },
      relationLoadStrategy: "join",
      select: {
        quotients: { where: { createdAt: { gte: since } }, select: { id: true }, take: 1 },
        changeRequests: {
          where: { createdAt: { gte: since }, kind: { in: ["QUOTIENT_FAMILIAL", "CHILD_HEALTH"] } },
          select: { kind: true, targetId: true },
        },
        children: {
          where: { status: statusIn(CHILD_STATUSES.INSCRIBABLE) },
          orderBy: [{ birthDate: "asc" }, { id: "asc" }],
          select: {
            id: true,
            firstName: true,
            sex: true,
            authorizedPersons: { select: { updatedAt: true } },
          },
        },
        documents: {
          where: { kind: "FAMILY_UPLOAD" },
          select: { typeId: true, childId: true, status: true, validUntil: true },
        },
      },
    }),
    db.documentType.findMany({
      where: { required: true },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, name: true, scope: true, required: true },
    }),
  ]);
  if (!family) return [];
  const items: RefreshItem[] = [];
  const years = offer.years.join(" et ");
  if (family.quotients.length === 0 && !family.changeRequests.some((r) => r.kind === "QUOTIENT_FAMILIAL")) {
    items.push({ text: `Mettez à jour votre quotient familial pour ${years}`, href: "/mes-coordonnees#quotient" });
  }
  for (const child of family.children.filter((c) => childIds.includes(c.id))) {
    const edit = `/ma-famille/enfants/${child.id}/modifier`;
    if (!family.changeRequests.some((r) => r.kind === "CHILD_HEALTH" && r.targetId === child.id)) {
      items.push({ text: `Vérifiez la fiche santé ${deName(child.firstName)} (allergies, PAI, régime, médecin)`, href: edit });
    }
    // None at all is already asked by « Indiquez qui peut venir chercher… » (the dashboard's own item).
    if (child.authorizedPersons.length > 0 && !child.authorizedPersons.some((p) => p.updatedAt >= since)) {
      items.push({
        text: `Vérifiez les personnes autorisées à venir chercher ${child.firstName}`,
        href: edit,
      });
    }
  }
  const read = { types, children: family.children, docs: family.documents };
  const today = parisDay(now);
  const missingNow = missingAmong(read, today);
  const key = (m: { typeId: string; childId: string | null }) => `${m.typeId}|${m.childId ?? ""}`;
  const missingToday = new Set(missingNow.map(key));
  for (const item of missingNow) items.push({ text: item.text, href: "/mes-envois" });
  // Still valid today, no more at the new period's start: « … sera passée le mercredi 1 septembre 2027 ».
  for (const item of missingAmong(read, offer.nextStartDay).filter((m) => !missingToday.has(key(m)))) {
    items.push({
      text: item.text.replace(
        / : sa date de validité est passée$/,
        ` : sa date de validité sera passée le ${formatLongDate(offer.nextStartDay)}`,
      ),
      href: "/mes-envois",
    });
  }
  return items;
}
