"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { idSchema } from "@/lib/forms/fields";
import { retryEmail } from "@/lib/email/deliver-emails";

export const retryEmailAction = staffAction(idSchema, async ({ id }) => {
  await retryEmail(id);
  revalidatePath("/admin/courriels");
  return null;
});
