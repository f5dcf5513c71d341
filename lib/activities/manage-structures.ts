import "server-only";
import { db, isPrismaError } from "@/lib/db";
import { fieldError } from "@/lib/errors";

/** Lieux d'accueil. */

/** The structures to choose from in a form (name order). */
export async function listStructureChoices() {
  return db.structure.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

export async function createStructure(data: { name: string; street: string | null; postalCode: string | null; city: string | null }) {
  try {
    return await db.structure.create({ data, select: { id: true } });
  } catch (error) {
    if (isPrismaError(error, "P2002")) fieldError("name", "Nom du lieu d'accueil : ce lieu existe déjà.");
    throw error;
  }
}

export async function listStructures() {
  return db.structure.findMany({
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
