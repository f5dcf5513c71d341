"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { bulkMessage, DECIDED_REQUESTS, forEachRequest } from "@/lib/bulk";
import { bulkDecisionSchema } from "@/lib/bulk-schema";
import { validateChangeRequest, refuseChangeRequest } from "@/lib/families/change-requests";
import { idSchema, refusalSchema } from "@/lib/forms/fields";
import { childLinkDecisionSchema } from "@/lib/families/schemas";

export const validateChangeRequestAction = staffAction(idSchema, async ({ id }, staff) => {
  await validateChangeRequest({ id, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return null;
});

export const refuseChangeRequestAction = staffAction(refusalSchema, async ({ id, reason }, staff) => {
  await refuseChangeRequest({ id, reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return null;
});

export const decideChangeRequestsAction = staffAction(bulkDecisionSchema, async (data, staff) => {
  const report = await forEachRequest(data.ids, (id) =>
    data.decision === "validate"
      ? validateChangeRequest({ id, actor: staff.actor })
      : refuseChangeRequest({ id, reason: data.reason, actor: staff.actor }),
  );
  revalidatePath("/admin", "layout");
  return { message: bulkMessage(report, { done: DECIDED_REQUESTS[data.decision], unnamed: true }) };
});

/** Garde alternée (ADR 051): a parent's CHILD_LINK request, validated with the child staff found — which links it. */
export const validateChildLinkAction = staffAction(childLinkDecisionSchema, async ({ id, childId }, staff) => {
  await validateChangeRequest({ id, childId, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return { message: "Demande validée : l'enfant est lié au foyer du parent qui l'a demandé." };
});
