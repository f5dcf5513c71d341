"use server";
import { revalidatePath } from "next/cache";
import { parentAction } from "@/lib/action";
import { idSchema } from "@/lib/forms/fields";
import { inscriptionRequestSchema, renewalRequestSchema } from "@/lib/inscriptions/schemas";
import { requestInscription } from "@/lib/inscriptions/request-inscription";
import { prepareInscriptionRequest } from "@/lib/inscriptions/prepare-inscription-request";
import { withdrawInscription } from "@/lib/inscriptions/decide-inscription";
import { requestRenewals } from "@/lib/inscriptions/request-renewals";
import { count } from "@/lib/format";
import { withdrawPreparedInscription } from "@/lib/inscriptions/withdraw-prepared-inscription";
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

/** « Préparer ma demande » for a child awaiting the structure's check (ADR 037); sent at once if the child was validated meanwhile. */
export const prepareInscriptionRequestAction = parentAction(inscriptionRequestSchema, async (data, parent) => {
  const result = await prepareInscriptionRequest({ ...data, familyId: parent.familyId, actor: parent.actor });
  revalidatePath("/", "layout");
  return {
    message:
      result.kind === "PREPARED"
        ? "Votre demande d'inscription est préparée : elle sera envoyée dès que l'accueil aura validé votre enfant."
        : "Votre enfant vient d'être validé : votre demande d'inscription est envoyée. Suivez sa réponse dans « Mes inscriptions ».",
  };
});

export const withdrawInscriptionAction = parentAction(idSchema, async ({ id }, parent) => {
  await withdrawInscription({ id, familyId: parent.familyId, actor: parent.actor });
  revalidatePath("/", "layout");
  return null;
});

/** « Retirer » a prepared request of a child not validated yet (ADR 037): it was sent nowhere, it is dropped. */
export const withdrawPreparedInscriptionAction = parentAction(idSchema, async ({ id }, parent) => {
  await withdrawPreparedInscription({ id, familyId: parent.familyId });
  revalidatePath("/", "layout");
  return null;
});

/** « Envoyer mes demandes » of « Réinscrire » (ADR 052): every ticked child at once, all or nothing. */
export const requestRenewalsAction = parentAction(renewalRequestSchema, async (data, parent) => {
  const sent = await requestRenewals({
    previousInscriptionIds: data.previousInscriptionIds,
    familyId: parent.familyId,
    actor: parent.actor,
  });
  revalidatePath("/", "layout");
  const lines = sent.map(
    (s) =>
      `${s.childFirstName} — ${s.activityName} (${s.periodName}) : ${
        isIn(INSCRIPTION_STATUSES.BOOKABLE, s.status)
          ? "inscription validée"
          : isIn(INSCRIPTION_STATUSES.ON_WAITING_LIST, s.status)
            ? `en liste d'attente (position ${s.waitlistPosition})`
            : "en attente de validation par la structure"
      }.`,
  );
  return { message: `${count(sent.length, "demande de réinscription envoyée", "demandes de réinscription envoyées")}.`, lines };
});
