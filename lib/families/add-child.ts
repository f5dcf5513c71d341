import "server-only";
import { transaction } from "@/lib/db";
import { createWithStatus, type Actor } from "@/lib/workflow";
import { healthRecordOf, identityRecordOf } from "./child-mapping";
import { createChangeRequest } from "./change-requests";
import { lockFamily } from "@/lib/locks";
import type { ChildData } from "./schemas";
import { UserFacingError } from "@/lib/errors";

export const MAX_CHILDREN = 12;

/**
 * « Ajouter un enfant ». From a parent, the child waits for the structure's
 * check (a CHILD_ADDED request on the dashboard); from staff, it is validated
 * at once. Everything is written in one transaction, or nothing.
 */
export async function addChild(input: { familyId: string; data: ChildData; actor: Actor }): Promise<{ id: string }> {
  const byStaff = input.actor.kind === "STAFF";
  return transaction(async (tx) => {
    // Lock first, then count: 20 parallel requests cannot all see « 3 children ».
    await lockFamily(tx, input.familyId);
    const count = await tx.child.count({ where: { familyId: input.familyId } });
    if (count >= MAX_CHILDREN) {
      throw new UserFacingError("Nombre maximal d'enfants atteint pour ce foyer : contactez la structure.");
    }
    const status = byStaff ? "VALIDATED" : "PENDING";
    const child = await createWithStatus(tx, { machine: "CHILD", status, actor: input.actor }, () =>
      tx.child.create({
        data: {
          familyId: input.familyId,
          status,
          ...identityRecordOf(input.data),
          ...healthRecordOf(input.data),
          authorizedPersons: { create: input.data.contacts.authorizedPersons },
        },
        select: { id: true, firstName: true, lastName: true, birthDate: true },
      }),
    );
    if (!byStaff) {
      await createChangeRequest(tx, {
        familyId: input.familyId,
        kind: "CHILD_ADDED",
        targetId: child.id,
        before: {},
        after: { firstName: child.firstName, lastName: child.lastName, birthDate: child.birthDate.toISOString().slice(0, 10) },
        actor: input.actor,
      });
    }
    return { id: child.id };
  });
}
