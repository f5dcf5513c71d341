"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action";
import { requireParent } from "@/lib/auth/session";
import { idSchema } from "@/lib/families/schemas";
import { inscriptionRequestSchema } from "@/lib/inscriptions/schemas";
import { requestInscription } from "@/lib/inscriptions/request-inscription";
import { withdrawInscription } from "@/lib/inscriptions/decide-inscription";

export async function requestInscriptionAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(inscriptionRequestSchema, input, async (data) => {
    const parent = await requireParent();
    const result = await requestInscription({ ...data, familyId: parent.familyId, actor: parent.actor });
    revalidatePath("/", "layout");
    const message =
      result.status === "VALIDATED"
        ? "Votre inscription est validée : vous pouvez faire vos réservations."
        : result.status === "WAITLISTED"
          ? `Votre demande est enregistrée en liste d'attente (position ${result.waitlistPosition}).`
          : "Votre demande d'inscription est enregistrée. Elle est en attente de validation par la structure.";
    return { message };
  });
}

export async function withdrawInscriptionAction(input: unknown): Promise<ActionResult<null>> {
  return runAction(idSchema, input, async ({ id }) => {
    const parent = await requireParent();
    await withdrawInscription({ id, familyId: parent.familyId, actor: parent.actor });
    revalidatePath("/", "layout");
    return null;
  });
}
