import "server-only";
import { db } from "@/lib/db";
import { NotFoundError, type Actor } from "@/lib/workflow";
import { HEALTH_KEYS, healthRecordOf, identityRecordOf, sameHealth, type ChildHealthRecord } from "./child-mapping";
import { createChangeRequest } from "./change-requests";
import type { ChildData } from "./schemas";

/**
 * « Modifier un enfant ». Identity, authorised persons and consents apply at
 * once. Health data (allergies, PAI, repas, médecin, CAF) of a validated child
 * is checked by the structure: it becomes a CHILD_HEALTH request. Staff apply
 * everything at once. The child is looked up within the family only: another
 * family's id is "not found".
 */
export async function updateChild(input: {
  familyId: string;
  childId: string;
  data: ChildData;
  actor: Actor;
}): Promise<{ healthPending: boolean }> {
  const byStaff = input.actor.kind === "STAFF";
  return db.$transaction(async (tx) => {
    const select = Object.fromEntries(HEALTH_KEYS.map((k) => [k, true])) as Record<keyof ChildHealthRecord, true>;
    const child = await tx.child.findFirst({
      where: { id: input.childId, familyId: input.familyId },
      select: { ...select, id: true, status: true },
    });
    if (!child || child.status === "REFUSED") throw new NotFoundError();
    const health = healthRecordOf(input.data);
    const { id, status, ...currentHealth } = child;
    const healthChanged = !sameHealth(currentHealth, health);
    const applyHealthNow = byStaff || status === "PENDING";
    await tx.child.update({
      where: { id },
      data: { ...identityRecordOf(input.data), ...(applyHealthNow ? health : {}) },
    });
    await tx.authorizedPerson.deleteMany({ where: { childId: id } });
    await tx.authorizedPerson.createMany({
      data: input.data.contacts.authorizedPersons.map((p) => ({ ...p, childId: id })),
    });
    if (healthChanged && !applyHealthNow) {
      await createChangeRequest(tx, {
        familyId: input.familyId,
        kind: "CHILD_HEALTH",
        targetId: id,
        before: currentHealth,
        after: health,
        actor: input.actor,
      });
      return { healthPending: true };
    }
    return { healthPending: false };
  });
}
