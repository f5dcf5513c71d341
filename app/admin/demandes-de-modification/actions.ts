"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { requireStaff } from "@/lib/auth/session";
import { bulkMessage, forEachRequest } from "@/lib/bulk";
import { bulkDecisionSchema } from "@/lib/bulk-schema";
import { acceptChangeRequest, refuseChangeRequest } from "@/lib/families/change-requests";
import { refusalSchema } from "@/lib/accounts/schemas";
import { idSchema } from "@/lib/families/schemas";

export async function acceptChangeRequestAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(idSchema, input, async ({ id }) => {
    const staff = await requireStaff();
    await acceptChangeRequest({ id, actor: staff.actor });
    revalidatePath("/admin", "layout");
    return null;
  });
}

export async function refuseChangeRequestAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(refusalSchema, input, async ({ id, reason }) => {
    const staff = await requireStaff();
    await refuseChangeRequest({ id, reason, actor: staff.actor });
    revalidatePath("/admin", "layout");
    return null;
  });
}


export async function decideChangeRequestsAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(bulkDecisionSchema, input, async (data) => {
    const staff = await requireStaff();
    const result = await forEachRequest(data.ids, (id) =>
      data.decision === "accept"
        ? acceptChangeRequest({ id, actor: staff.actor })
        : refuseChangeRequest({ id, reason: data.reason, actor: staff.actor }),
    );
    revalidatePath("/admin", "layout");
    return { message: bulkMessage(result, data.decision === "accept" ? "acceptée" : "refusée") };
  });
}
