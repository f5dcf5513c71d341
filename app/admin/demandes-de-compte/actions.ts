"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/action";
import { refusalSchema } from "@/lib/accounts/schemas";
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
