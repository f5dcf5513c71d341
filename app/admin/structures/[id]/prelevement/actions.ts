"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { sepaSettingsSchema } from "@/lib/billing/sepa/schemas";
import { setSepaSettings } from "@/lib/billing/sepa/settings";

/** The lieu's SEPA creditor settings (ICS, account, pré-notification, rejection fee). */
export const sepaSettingsAction = staffAction(sepaSettingsSchema, async (input, staff) => {
  await setSepaSettings(input, staff.scope);
  revalidatePath("/admin", "layout");
  return { message: "Réglages du prélèvement enregistrés." };
});
