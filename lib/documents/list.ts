import "server-only";
import { db } from "@/lib/db";
import { dateOf } from "@/lib/calendar/paris";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DOCUMENT_STATUSES, isIn, statusIn } from "@/lib/workflow";

/** The published documents a family may see: for everyone, or for a structure or an activity it has a validated inscription with. */
async function audienceOf(familyId: string): Promise<Prisma.DocumentWhereInput> {
  const inscriptions = await db.inscription.findMany({
    where: { familyId, status: "VALIDATED" },
    select: { activityId: true, activity: { select: { structureId: true } } },
  });
  const activityIds = [...new Set(inscriptions.map((i) => i.activityId))];
  const structureIds = [...new Set(inscriptions.map((i) => i.activity.structureId))];
  return {
    kind: "PUBLISHED",
    status: "PUBLISHED",
    OR: [
      { structureId: null, activityId: null },
      { structureId: { in: structureIds }, activityId: null },
      { activityId: { in: activityIds } },
    ],
  };
}

/** « Téléchargements »: newest first, « nouveau » until the family opens it. */
export async function listDownloads(familyId: string) {
  const docs = await db.document.findMany({
    where: await audienceOf(familyId),
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      title: true,
      fileName: true,
      mimeType: true,
      sizeBytes: true,
      updatedAt: true,
      views: { where: { familyId }, select: { openedAt: true } },
    },
  });
  return docs.map(({ views, ...d }) => ({ ...d, isNew: views.length === 0 }));
}

export async function countNewDownloads(familyId: string): Promise<number> {
  return db.document.count({ where: { AND: [await audienceOf(familyId), { views: { none: { familyId } } }] } });
}

/** May this family open this published document? (The same rule as the list.) */
export async function canSeePublished(familyId: string, documentId: string): Promise<boolean> {
  return (await db.document.count({ where: { AND: [{ id: documentId }, await audienceOf(familyId)] } })) === 1;
}

/** « Mes envois »: what the family sent, newest first, with its state and reason. */
export function listFamilyUploads(familyId: string) {
  return db.document.findMany({
    where: { familyId, kind: "FAMILY_UPLOAD" },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      title: true,
      fileName: true,
      status: true,
      reason: true,
      createdAt: true,
      reviewedAt: true,
      validUntil: true,
      replacesId: true,
      reservationId: true,
      child: { select: { id: true, firstName: true } },
      type: { select: { id: true } },
    },
  });
}

/**
 * « À faire »: each required type the family (or each child, for a child's type) has no valid accepted document
 * of, and none waiting — missing, or expired.
 */
export async function missingDocuments(familyId: string, today: string) {
  const [types, children, docs] = await Promise.all([
    db.documentType.findMany({
      where: { required: true },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { id: true, name: true, scope: true },
    }),
    db.child.findMany({ where: { familyId, status: "VALIDATED" }, orderBy: { birthDate: "asc" }, select: { id: true, firstName: true } }),
    db.document.findMany({
      where: { familyId, kind: "FAMILY_UPLOAD", status: statusIn(DOCUMENT_STATUSES.STANDING) },
      select: { typeId: true, childId: true, status: true, validUntil: true },
    }),
  ]);
  // One read of the family's documents: waiting or still valid counts as sent; accepted but past its date, as expired.
  const todayDate = dateOf(today);
  const of = (typeId: string, childId: string | null) =>
    docs.filter((d) => d.typeId === typeId && (childId === null || d.childId === childId));
  const missing: { typeId: string; childId: string | null; text: string }[] = [];
  for (const type of types) {
    for (const child of type.scope === "CHILD" ? children : [null]) {
      const sent = of(type.id, child?.id ?? null);
      if (sent.some((d) => isIn(DOCUMENT_STATUSES.AWAITING_DECISION, d.status) || !d.validUntil || d.validUntil >= todayDate)) continue;
      const label = child ? `${type.name} de ${child.firstName}` : type.name;
      missing.push({
        typeId: type.id,
        childId: child?.id ?? null,
        text: sent.length ? `Renouvelez : ${label} (expiré)` : `Envoyez : ${label}`,
      });
    }
  }
  return missing;
}

/** The staff queue of received documents, oldest first. */
export function receivedQueue(filter: { typeId?: string } = {}) {
  return db.document.findMany({
    where: { kind: "FAMILY_UPLOAD", status: "RECEIVED", ...(filter.typeId ? { typeId: filter.typeId } : {}) },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      id: true,
      title: true,
      fileName: true,
      sizeBytes: true,
      createdAt: true,
      replacesId: true,
      reservationId: true,
      fileMissingAt: true,
      family: { select: { id: true, name: true } },
      child: { select: { firstName: true } },
    },
  });
}

export function listPublished() {
  return db.document.findMany({
    where: { kind: "PUBLISHED" },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      title: true,
      fileName: true,
      status: true,
      updatedAt: true,
      structureId: true,
      activityId: true,
      fileMissingAt: true,
      _count: { select: { views: true } },
    },
  });
}

export function listDocumentTypes() {
  return db.documentType.findMany({
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, scope: true, required: true, validity: true },
  });
}
