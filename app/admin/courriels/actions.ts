"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/action";
import { requireStaff } from "@/lib/auth/session";
import { retryEmail } from "@/lib/email/deliver";

export async function retryEmailAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(z.object({ id: z.string().min(1).max(64) }), input, async ({ id }) => {
    await requireStaff();
    await retryEmail(id);
    revalidatePath("/admin/courriels");
    return null;
  });
}
