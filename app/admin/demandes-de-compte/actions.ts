"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/action";
import { refusalSchema } from "@/lib/accounts/schemas";
import { bulkMessage, forEachRequest } from "@/lib/bulk";
import { bulkDecisionSchema } from "@/lib/bulk-schema";
import { requireStaff } from "@/lib/auth/session";
import { refuseAccountRequest, validateAccountRequest } from "@/lib/accounts/decide-account-request";

const idSchema = z.object({ id: z.string().min(1).max(64) });

export async function validateAccountRequestAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(idSchema, input, async ({ id }) => {
    const staff = await requireStaff();
    await validateAccountRequest({ id, actor: staff.actor });
    revalidatePath("/admin", "layout");
    return null;
  });
}

export async function refuseAccountRequestAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(refusalSchema, input, async ({ id, reason }) => {
    const staff = await requireStaff();
    await refuseAccountRequest({ id, reason, actor: staff.actor });
    revalidatePath("/admin", "layout");
    return null;
  });
}


export async function decideAccountRequestsAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(bulkDecisionSchema, input, async (data) => {
    const staff = await requireStaff();
    const result = await forEachRequest(data.ids, async (id) => {
      if (data.decision === "accept") await validateAccountRequest({ id, actor: staff.actor });
      else await refuseAccountRequest({ id, reason: data.reason, actor: staff.actor });
    });
    revalidatePath("/admin", "layout");
    return { message: bulkMessage(result, data.decision === "accept" ? "acceptée" : "refusée") };
  });
}
