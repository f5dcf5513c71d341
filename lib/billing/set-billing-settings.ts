import "server-only";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/workflow";

/** « Réglages de facturation » of a structure. */
export async function setBillingSettings(input: { structureId: string; invoiceDueDays: number; unpaidBlockDays: number | null }) {
  const { count } = await db.structure.updateMany({
    where: { id: input.structureId },
    data: { invoiceDueDays: input.invoiceDueDays, unpaidBlockDays: input.unpaidBlockDays },
  });
  if (count === 0) throw new NotFoundError();
}
