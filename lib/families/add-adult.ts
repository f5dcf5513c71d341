import "server-only";
import { transaction } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { lockFamily } from "@/lib/locks";
import type { AdultData } from "./schemas";

export const MAX_ADULTS = 4;

/** « Ajouter un responsable légal » (or another adult of the household), counted under the family's lock. */
export async function addAdult(input: { familyId: string; data: AdultData }) {
  return transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    if ((await tx.adult.count({ where: { familyId: input.familyId } })) >= MAX_ADULTS) {
      throw new UserFacingError(`Un foyer compte ${MAX_ADULTS} adultes au plus : contactez la structure.`);
    }
    const { birthDate, ...rest } = input.data;
    return tx.adult.create({
      data: { ...rest, familyId: input.familyId, birthDate: new Date(`${birthDate}T00:00:00Z`), isLegalGuardian: true },
      select: { id: true },
    });
  });
}
