"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { requireParent } from "@/lib/auth/session";
import { addChild } from "@/lib/families/add-child";
import { updateChild } from "@/lib/families/update-child";
import { addAdult } from "@/lib/families/contact-changes";
import { adultSchema, childIdSchema, childSchema } from "@/lib/families/schemas";

// The family always comes from the session, never from the input: an id of
// another family is looked up within this one and is simply « introuvable ».

export async function addChildAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(childSchema, input, async (data) => {
    const parent = await requireParent();
    await addChild({ familyId: parent.familyId, data, actor: parent.actor });
    revalidatePath("/", "layout");
    return { message: `${data.identity.firstName} est ajouté(e) à votre famille. La structure doit valider cet ajout.` };
  });
}

export async function updateChildAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(childSchema.extend(childIdSchema.shape), input, async ({ childId, ...data }) => {
    const parent = await requireParent();
    const { healthPending } = await updateChild({ familyId: parent.familyId, childId, data, actor: parent.actor });
    revalidatePath("/", "layout");
    return {
      message: healthPending
        ? `Les informations de ${data.identity.firstName} sont enregistrées. Les informations de santé sont envoyées à la structure pour validation.`
        : `Les informations de ${data.identity.firstName} sont enregistrées.`,
    };
  });
}

export async function addAdultAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(adultSchema, input, async (data) => {
    const parent = await requireParent();
    await addAdult({ familyId: parent.familyId, data });
    revalidatePath("/", "layout");
    return { message: `${data.firstName} ${data.lastName} est ajouté(e) à votre famille.` };
  });
}
