import "server-only";
import { assertFamilyInScope } from "@/lib/auth/staff-scope";
import { lockFamily } from "@/lib/locks";
import { transaction } from "@/lib/db";
import { setQuotient } from "@/lib/billing/set-quotient";
import { actorScope, NotFoundError, type Actor } from "@/lib/workflow";
import type { QuotientData } from "./schemas";
import { recordEdit } from "./record-staff-edit";

export async function staffUpdateQuotient(input: { familyId: string; data: QuotientData; actor: Actor }) {
  await transaction(async (tx) => {
    await assertFamilyInScope(tx, actorScope(input.actor), input.familyId);
    await lockFamily(tx, input.familyId);
    const before = await tx.family.findUnique({ where: { id: input.familyId }, select: { quotientFamilial: true, cafNumber: true } });
    if (!before) throw new NotFoundError();
    await setQuotient(tx, input.familyId, input.data);
    await recordEdit(tx, {
      familyId: input.familyId,
      kind: "QUOTIENT_FAMILIAL",
      targetId: null,
      before,
      after: input.data,
      actor: input.actor,
    });
  });
}
