import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";

export function listPublished(scope: StaffScope) {
  return db.document.findMany({
    where: { kind: "PUBLISHED", ...scopeWhere(scope).publishedDocument },
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
