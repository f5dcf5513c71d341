import "server-only";
import type { Tx } from "@/lib/db";
import { NotFoundError } from "@/lib/workflow";
import { UserFacingError } from "@/lib/errors";

/**
 * Locks the family's row for the rest of the transaction, before anything it
 * protects is counted (children, adults…): parallel requests of one family then
 * count one after the other, each seeing what the previous one wrote.
 */
export async function lockFamily(tx: Tx, familyId: string, options: { anonymised?: "refuse" | "allow" } = {}): Promise<void> {
  const rows = await tx.$queryRaw<
    { id: string; anonymisedAt: Date | null }[]
  >`SELECT "id", "anonymisedAt" FROM "Family" WHERE "id" = ${familyId} FOR UPDATE`;
  if (rows.length !== 1) throw new NotFoundError();
  // A family anonymised (RGPD) while a request of it waited for the lock: nothing is written for it any more.
  if (rows[0]!.anonymisedAt && options.anonymised !== "allow")
    throw new UserFacingError("Cette famille a été anonymisée : plus aucune modification n'est possible.");
}
