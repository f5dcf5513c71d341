import "server-only";
import { db } from "@/lib/db";

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
