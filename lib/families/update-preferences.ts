import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/workflow";
import type { PreferencesData } from "./schemas";

/** Profession and employer of an adult of the family apply at once (no demande de modification). */
export async function updatePreferences(input: { familyId: string; adultId: string; data: PreferencesData }) {
  const { count } = await db.adult.updateMany({ where: { id: input.adultId, familyId: input.familyId }, data: input.data });
  if (count !== 1) throw new NotFoundError();
}
