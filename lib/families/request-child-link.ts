import "server-only";
import { transaction } from "@/lib/db";
import { lockFamily } from "@/lib/locks";
import type { Actor } from "@/lib/workflow";
import { createChangeRequest } from "./change-requests";
import type { ChildLinkRequestData } from "./schemas";

/**
 * « Mon enfant est déjà inscrit par l'autre parent » (garde alternée, ADR 051): a parent asks that a child already on
 * file in the other parent's foyer be linked to hers or his. The parent names the child (name, birth date) and the
 * other parent, and reads nothing of the other foyer: staff find the child in the queue and validate, which links it
 * (change-requests.ts, CHILD_LINK). One pending request of this kind per foyer at a time.
 */
export async function requestChildLink(input: { familyId: string; data: ChildLinkRequestData; actor: Actor }): Promise<{ id: string }> {
  return transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    return createChangeRequest(tx, {
      familyId: input.familyId,
      kind: "CHILD_LINK",
      targetId: null,
      before: {},
      after: input.data,
      actor: input.actor,
    });
  });
}
