import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

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
