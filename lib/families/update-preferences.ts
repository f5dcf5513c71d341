import "server-only";
import { transaction } from "@/lib/db";
import { lockFamily } from "@/lib/locks";
import { NotFoundError } from "@/lib/workflow";
import type { PreferencesData } from "./schemas";

/** Profession and employer of an adult of the family apply at once (no demande de modification). */
export async function updatePreferences(input: { familyId: string; adultId: string; data: PreferencesData }) {
  await transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const { count } = await tx.adult.updateMany({ where: { id: input.adultId, familyId: input.familyId }, data: input.data });
    if (count !== 1) throw new NotFoundError();
  });
}
