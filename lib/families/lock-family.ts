import "server-only";
import type { Tx } from "@/lib/db";
import { NotFoundError } from "@/lib/workflow";

/**
 * Locks the family's row for the rest of the transaction, before anything it
 * protects is counted (children, adults…): parallel requests of one family then
 * count one after the other, each seeing what the previous one wrote.
 */
export async function lockFamily(tx: Tx, familyId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Family" WHERE "id" = ${familyId} FOR UPDATE`;
  if (rows.length !== 1) throw new NotFoundError();
}
