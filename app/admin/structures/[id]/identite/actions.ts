"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { structureIdentitySchema } from "@/lib/billing/tax-certificates/schemas";
import { setStructureIdentity } from "@/lib/billing/tax-certificates/structure-identity";

/** « Identité » of a lieu: name, address, e-mail, phone, SIRET (printed on its attestations fiscales). */
export const structureIdentityAction = staffAction(structureIdentitySchema, async (data, staff) => {
  await setStructureIdentity({ ...data, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return { message: `Identité de « ${data.name} » enregistrée.` };
});
