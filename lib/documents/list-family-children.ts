import "server-only";
import { db } from "@/lib/db";

/** The family's children a document can concern (validated ones). */
export function listFamilyChildren(familyId: string) {
  return db.child.findMany({
    where: { familyId, status: "VALIDATED" },
    orderBy: { birthDate: "asc" },
    select: { id: true, firstName: true },
  });
}
