"use server";
import { revalidatePath } from "next/cache";
import { parentAction } from "@/lib/action";
import { idSchema } from "@/lib/forms/fields";
import { inscriptionRequestSchema } from "@/lib/inscriptions/schemas";
import { requestInscription } from "@/lib/inscriptions/request-inscription";
import { withdrawInscription } from "@/lib/inscriptions/decide-inscription";
import { INSCRIPTION_STATUSES, isIn } from "@/lib/workflow/machines";

export const requestInscriptionAction = parentAction(inscriptionRequestSchema, async (data, parent) => {
  const result = await requestInscription({ ...data, familyId: parent.familyId, actor: parent.actor });
  revalidatePath("/", "layout");
  const message = isIn(INSCRIPTION_STATUSES.BOOKABLE, result.status)
    ? "Votre inscription est validée : vous pouvez faire vos réservations."
    : isIn(INSCRIPTION_STATUSES.ON_WAITING_LIST, result.status)
      ? `Votre demande est enregistrée en liste d'attente (position ${result.waitlistPosition}).`
      : "Votre demande d'inscription est enregistrée. Elle est en attente de validation par la structure.";
  return { message };
});

export const withdrawInscriptionAction = parentAction(idSchema, async ({ id }, parent) => {
  await withdrawInscription({ id, familyId: parent.familyId, actor: parent.actor });
  revalidatePath("/", "layout");
  return null;
});
