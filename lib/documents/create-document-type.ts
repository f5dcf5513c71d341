import "server-only";
import { db, isPrismaError } from "@/lib/db";
import { fieldError } from "@/lib/errors";

export async function createDocumentType(data: {
  name: string;
  scope: "FAMILY" | "CHILD";
  required: boolean;
  validity: "NONE" | "CALENDAR_YEAR" | "SCHOOL_YEAR" | "ONE_YEAR";
}) {
  try {
    return await db.documentType.create({ data, select: { id: true } });
  } catch (error) {
    if (isPrismaError(error, "P2002")) fieldError("name", "Nom du type : ce type existe déjà.");
    throw error;
  }
}
