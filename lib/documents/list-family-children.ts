import "server-only";
import { familyChildWhere } from "@/lib/families/foyers";
import { db } from "@/lib/db";

/**
 * The family's children a document or a message can concern (validated ones; a shared child for either foyer, ADR
 * 051). `isOwn`: the child's first foyer is this family — the one the structure asks the child's required documents
 * of (« À faire »), so a shared child's are not asked twice.
 */
export async function listFamilyChildren(familyId: string) {
  const children = await db.child.findMany({
    where: { ...familyChildWhere(familyId), status: "VALIDATED" },
    orderBy: { birthDate: "asc" },
    select: { id: true, firstName: true, familyId: true },
  });
  return children.map(({ familyId: first, ...child }) => ({ ...child, isOwn: first === familyId }));
}
