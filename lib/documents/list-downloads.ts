import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { familyInscriptionWhere } from "@/lib/families/foyers";
import { familyChildSql } from "@/lib/families/foyer-wheres";

/**
 * The published documents a family may see: for everyone, or for a structure or an activity one of its children has a
 * validated inscription with (a shared child's, whichever foyer asked it — ADR 051).
 */
async function audienceOf(familyId: string): Promise<Prisma.DocumentWhereInput> {
  const inscriptions = await db.inscription.findMany({
    where: { ...familyInscriptionWhere(familyId), status: "VALIDATED" },
    select: { activityId: true, activity: { select: { structureId: true } } },
  });
  const activityIds = [...new Set(inscriptions.map((i) => i.activityId))];
  const structureIds = [...new Set(inscriptions.map((i) => i.activity.structureId))];
  return {
    OR: [
      {
        kind: "PUBLISHED",
        status: "PUBLISHED",
        OR: [
          { structureId: null, activityId: null },
          { structureId: { in: structureIds }, activityId: null },
          { activityId: { in: activityIds } },
        ],
      },
      // Issued to this family alone (its attestations fiscales, ADR 056).
      { kind: "FAMILY_ISSUED", status: "PUBLISHED", familyId },
    ],
  };
}

/** « Téléchargements » (published documents and the family's own issued ones): newest first, « nouveau » until the family opens it. */
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

/**
 * The count of `listDownloads`'s « nouveau » as one scalar subquery: the same audience as `audienceOf`, written in SQL
 * so that the navigation's badges are one statement (lib/messages/count-nav-badges.ts, ADR 040). Change both together:
 * tests/documents.test.ts checks that they agree.
 */
export function newDownloadsCountSql(familyId: string): Prisma.Sql {
  return Prisma.sql`(SELECT count(*)::int FROM "Document" d
    WHERE ((d."kind" = 'FAMILY_ISSUED' AND d."status" = 'PUBLISHED' AND d."familyId" = ${familyId})
      OR (d."kind" = 'PUBLISHED' AND d."status" = 'PUBLISHED'
      AND ((d."structureId" IS NULL AND d."activityId" IS NULL)
        OR (d."activityId" IS NULL AND d."structureId" IN (
          SELECT a."structureId" FROM "Inscription" i JOIN "Activity" a ON a."id" = i."activityId" JOIN "Child" c ON c."id" = i."childId"
          WHERE ${familyChildSql(familyId, Prisma.sql`c`)} AND i."status" = 'VALIDATED'))
        OR d."activityId" IN (SELECT i."activityId" FROM "Inscription" i JOIN "Child" c ON c."id" = i."childId"
          WHERE ${familyChildSql(familyId, Prisma.sql`c`)} AND i."status" = 'VALIDATED'))))
      AND NOT EXISTS (SELECT 1 FROM "DocumentView" v WHERE v."documentId" = d."id" AND v."familyId" = ${familyId}))`;
}

export async function countNewDownloads(familyId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT ${newDownloadsCountSql(familyId)} AS "n"`;
  return row?.n ?? 0;
}

/** May this family open this published document? (The same rule as the list.) */
export async function canSeePublished(familyId: string, documentId: string): Promise<boolean> {
  return (await db.document.count({ where: { AND: [{ id: documentId }, await audienceOf(familyId)] } })) === 1;
}
