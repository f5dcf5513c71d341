import "server-only";
import { assertFamilyInScope } from "@/lib/auth/staff-scope";
import { transaction } from "@/lib/db";
import { lockFamilies, lockFamily } from "@/lib/locks";
import { familyChildWhere } from "./foyers";
import { actorScope, NotFoundError, type Actor, CHILD_STATUSES, isIn } from "@/lib/workflow";
import { HEALTH_KEYS, healthRecordOf, identityRecordOf, sameHealth, type ChildHealthRecord } from "./child-mapping";
import { createChangeRequest } from "./change-requests";
import { recordEdit } from "./record-staff-edit";
import type { ChildData } from "./schemas";

/**
 * « Modifier un enfant ». Identity, authorised persons and consents apply at
 * once. Health data (allergies, PAI, repas, médecin, CAF) of a validated child
 * is checked by the structure: it becomes a CHILD_HEALTH request. Staff apply
 * everything at once. The child is looked up within the family only: another
 * family's id is "not found" — a shared child is either foyer's (ADR 051), and
 * a health change it asks goes to the structure as from any family.
 */
export async function updateChild(input: {
  familyId: string;
  childId: string;
  data: ChildData;
  actor: Actor;
}): Promise<{ healthPending: boolean }> {
  const byStaff = input.actor.kind === "STAFF";
  return transaction(async (tx) => {
    await assertFamilyInScope(tx, actorScope(input.actor), input.familyId);
    // A shared child's one record is written by either foyer (ADR 051): its first foyer's row is locked too, both in
    // id order (lib/locks.ts), so the two parents' edits of it run one after the other.
    const first = await tx.child.findFirst({
      where: { id: input.childId, ...familyChildWhere(input.familyId) },
      select: { familyId: true },
    });
    if (first && first.familyId !== input.familyId) await lockFamilies(tx, [input.familyId, first.familyId]);
    await lockFamily(tx, input.familyId);
    const select = Object.fromEntries(HEALTH_KEYS.map((k) => [k, true])) as Record<keyof ChildHealthRecord, true>;
    const child = await tx.child.findFirst({
      where: { id: input.childId, ...familyChildWhere(input.familyId) },
      select: {
        ...select,
        id: true,
        status: true,
        lastName: true,
        firstName: true,
        birthDate: true,
        sex: true,
        school: true,
        schoolClass: true,
        photoConsent: true,
        canLeaveAlone: true,
        emergencyCareConsent: true,
      },
    });
    if (!child || !isIn(CHILD_STATUSES.ON_FILE, child.status)) throw new NotFoundError();
    const health = healthRecordOf(input.data);
    const {
      id,
      status,
      lastName,
      firstName,
      birthDate,
      sex,
      school,
      schoolClass,
      photoConsent,
      canLeaveAlone,
      emergencyCareConsent,
      ...currentHealth
    } = child;
    const identity = identityRecordOf(input.data);
    const healthChanged = !sameHealth(currentHealth, health);
    const applyHealthNow = byStaff || isIn(CHILD_STATUSES.AWAITING_DECISION, status);
    await tx.child.update({
      where: { id },
      data: { ...identity, ...(applyHealthNow ? health : {}) },
    });
    if (byStaff) {
      const day = (d: Date) => d.toISOString().slice(0, 10);
      await recordEdit(tx, {
        familyId: input.familyId,
        kind: "CHILD",
        targetId: id,
        actor: input.actor,
        before: {
          lastName,
          firstName,
          birthDate: day(birthDate),
          sex,
          school,
          schoolClass,
          photoConsent,
          canLeaveAlone,
          emergencyCareConsent,
          ...currentHealth,
        },
        after: { ...identity, birthDate: day(identity.birthDate), ...health },
      });
    }
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
