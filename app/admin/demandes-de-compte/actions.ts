"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { idSchema, refusalSchema } from "@/lib/forms/fields";
import { bulkMessage, DECIDED_REQUESTS, forEachRequest } from "@/lib/bulk";
import { bulkDecisionSchema } from "@/lib/bulk-schema";
import { refuseAccountRequest, validateAccountRequest } from "@/lib/accounts/decide-account-request";

export const validateAccountRequestAction = staffAction(idSchema, async ({ id }, staff) => {
  await validateAccountRequest({ id, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return null;
});

export const refuseAccountRequestAction = staffAction(refusalSchema, async ({ id, reason }, staff) => {
  await refuseAccountRequest({ id, reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return null;
});

export const decideAccountRequestsAction = staffAction(bulkDecisionSchema, async (data, staff) => {
  const report = await forEachRequest(data.ids, async (id) => {
    if (data.decision === "validate") await validateAccountRequest({ id, actor: staff.actor });
    else await refuseAccountRequest({ id, reason: data.reason, actor: staff.actor });
  });
  revalidatePath("/admin", "layout");
  return { message: bulkMessage(report, { done: DECIDED_REQUESTS[data.decision], unnamed: true }) };
});
