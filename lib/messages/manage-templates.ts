import "server-only";
import { db, isPrismaError } from "@/lib/db";
import { fieldError } from "@/lib/errors";

export function listTemplates() {
  return db.messageTemplate.findMany({ orderBy: { title: "asc" }, select: { id: true, title: true, body: true } });
}

export async function createTemplate(data: { title: string; body: string }) {
  try {
    return await db.messageTemplate.create({ data, select: { id: true } });
  } catch (error) {
    if (isPrismaError(error, "P2002")) fieldError("title", "Titre : ce modèle existe déjà.");
    throw error;
  }
}
