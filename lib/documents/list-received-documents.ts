import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";

/** The staff queue of received documents, oldest first. */
export function receivedQueue(scope: StaffScope, filter: { typeId?: string } = {}) {
  return db.document.findMany({
    where: {
      kind: "FAMILY_UPLOAD",
      status: "RECEIVED",
      ...(filter.typeId ? { typeId: filter.typeId } : {}),
      ...scopeWhere(scope).familyDocument,
    },
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
