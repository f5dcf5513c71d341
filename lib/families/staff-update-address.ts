import "server-only";
import { assertFamilyInScope } from "@/lib/auth/staff-scope";
import { lockFamily } from "@/lib/locks";
import { transaction } from "@/lib/db";
import { actorScope, NotFoundError, type Actor } from "@/lib/workflow";
import type { AddressData } from "./schemas";
import { recordEdit } from "./record-staff-edit";

export async function staffUpdateAddress(input: { familyId: string; data: AddressData; actor: Actor }) {
  await transaction(async (tx) => {
    await assertFamilyInScope(tx, actorScope(input.actor), input.familyId);
    await lockFamily(tx, input.familyId);
    const before = await tx.family.findUnique({
      where: { id: input.familyId },
      select: { street: true, addressComplement: true, postalCode: true, city: true },
    });
    if (!before) throw new NotFoundError();
    await tx.family.update({ where: { id: input.familyId }, data: input.data });
    await recordEdit(tx, { familyId: input.familyId, kind: "ADDRESS", targetId: null, before, after: input.data, actor: input.actor });
  });
}
