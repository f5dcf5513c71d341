"use server";
import { agree, deName } from "@/lib/format";
import { revalidatePath } from "next/cache";
import { parentAction } from "@/lib/action";
import { addChild } from "@/lib/families/add-child";
import { updateChild } from "@/lib/families/update-child";
import { addAdult } from "@/lib/families/add-adult";
import { adultSchema, childIdSchema, childLinkRequestSchema, childSchema } from "@/lib/families/schemas";
import { requestChildLink } from "@/lib/families/request-child-link";

// The family always comes from the session, never from the input: an id of
// another family is looked up within this one and is simply « introuvable ».

export const addChildAction = parentAction(childSchema, async (data, parent) => {
  await addChild({ familyId: parent.familyId, data, actor: parent.actor });
  revalidatePath("/", "layout");
  return {
    message: `${data.identity.firstName} est ${agree(data.identity.sex, "ajouté", "ajoutée")} à votre famille. La structure doit valider cet ajout.`,
  };
});

export const updateChildAction = parentAction(childSchema.extend(childIdSchema.shape), async ({ childId, ...data }, parent) => {
  const { healthPending } = await updateChild({ familyId: parent.familyId, childId, data, actor: parent.actor });
  revalidatePath("/", "layout");
  return {
    message: healthPending
      ? `Les informations ${deName(data.identity.firstName)} sont enregistrées. Les informations de santé sont envoyées à la structure pour validation.`
      : `Les informations ${deName(data.identity.firstName)} sont enregistrées.`,
  };
});

export const addAdultAction = parentAction(adultSchema, async (data, parent) => {
  await addAdult({ familyId: parent.familyId, data });
  revalidatePath("/", "layout");
  return { message: `${data.firstName} ${data.lastName} est ${agree(data.civility, "ajouté", "ajoutée")} à votre famille.` };
});

/** Garde alternée: the child is already on file in the other parent's foyer; the structure finds it and links it. */
export const requestChildLinkAction = parentAction(childLinkRequestSchema, async (data, parent) => {
  await requestChildLink({ familyId: parent.familyId, data, actor: parent.actor });
  revalidatePath("/", "layout");
  return {
    message: `Votre demande est envoyée à la structure : elle retrouve ${data.firstName} et l'ajoute à votre foyer. Elle apparaît sur votre tableau de bord en attendant sa réponse.`,
  };
});
