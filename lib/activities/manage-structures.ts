import "server-only";
import { isLimited, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { AccessDeniedError } from "@/lib/errors";
import { db, isPrismaError } from "@/lib/db";
import { fieldError } from "@/lib/errors";

/** Lieux d'accueil. */

/** The structures to choose from in a form (name order). */
export async function listStructureChoices(scope: StaffScope) {
  return db.structure.findMany({ where: scopeWhere(scope).structure, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** A new lieu is for every-lieu staff (ADR 029): a limited agent would not see the lieu they created. */
export async function createStructure(
  data: { name: string; street: string | null; postalCode: string | null; city: string | null },
  scope: StaffScope,
) {
  if (isLimited(scope)) throw new AccessDeniedError("Seul un agent de tous les lieux d'accueil peut créer un lieu.");
  try {
    return await db.structure.create({ data, select: { id: true } });
  } catch (error) {
    if (isPrismaError(error, "P2002")) fieldError("name", "Nom du lieu d'accueil : ce lieu existe déjà.");
    throw error;
  }
}

export async function listStructures(scope: StaffScope) {
  return db.structure.findMany({
    where: scopeWhere(scope).structure,
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      city: true,
      calendarDays: { orderBy: { startDate: "asc" }, select: { id: true, kind: true, label: true, startDate: true, endDate: true } },
      _count: { select: { activities: true } },
    },
  });
}
