import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/workflow";

/** « Réglages de facturation » of a structure. */
export async function setBillingSettings(
  input: { structureId: string; invoiceDueDays: number; unpaidBlockDays: number | null },
  scope: StaffScope,
) {
  const { count } = await db.structure.updateMany({
    where: { id: input.structureId, ...scopeWhere(scope).structure },
    data: { invoiceDueDays: input.invoiceDueDays, unpaidBlockDays: input.unpaidBlockDays },
  });
  if (count === 0) throw new NotFoundError();
}
