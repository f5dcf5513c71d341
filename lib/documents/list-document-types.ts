import "server-only";
import { db } from "@/lib/db";

export function listDocumentTypes() {
  return db.documentType.findMany({
    orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
    select: { id: true, name: true, scope: true, required: true, validity: true },
  });
}
