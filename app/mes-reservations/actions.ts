"use server";
import { z } from "zod";
import { parentAction } from "@/lib/action";
import { renewCalendarToken, revokeCalendarToken } from "@/lib/reservations/publish-calendar-feed";
import { requestReservations, summarizeOutcomes } from "@/lib/reservations/request-reservations";
import { askCancellation, withdrawReservation } from "@/lib/reservations/change-reservation";
import { previewPeriod, sendPeriod } from "@/lib/reservations/reserve-period";
import { periodRequestSchema, reservationIdSchema, sendCellsSchema } from "@/lib/reservations/schemas";

// Every page of the portal is rendered per request (it reads the session): the calendar reads again after
// each change (router.refresh on the screen). No revalidatePath here, so that a send on the opening-day
// rush costs only its own work, not a render of the page.

/** « Valider mes demandes »: every selected cell in one send; what became of each one. */
export const sendReservationRequestsAction = parentAction(sendCellsSchema, async ({ cells }, parent) => {
  const outcomes = await requestReservations({ familyId: parent.familyId, cells, actor: parent.actor });
  return { outcomes, summary: summarizeOutcomes(outcomes) };
});

export const askCancellationAction = parentAction(reservationIdSchema, async ({ reservationId }, parent) => {
  const result = await askCancellation({ familyId: parent.familyId, reservationId, actor: parent.actor });
  return result;
});

export const withdrawReservationAction = parentAction(reservationIdSchema, async ({ reservationId }, parent) => {
  const result = await withdrawReservation({ familyId: parent.familyId, reservationId, actor: parent.actor });
  return result;
});

export const previewPeriodAction = parentAction(periodRequestSchema, async (data, parent) =>
  previewPeriod({ ...data, familyId: parent.familyId }),
);

export const sendPeriodAction = parentAction(periodRequestSchema, async (data, parent) => {
  const outcomes = await sendPeriod({ ...data, familyId: parent.familyId, actor: parent.actor });
  return { outcomes, summary: summarizeOutcomes(outcomes) };
});

const noInput = z.object({});

/** « Créer le lien » / « Nouveau lien »: a new secret URL for the calendar apps; the previous one stops working. */
export const renewCalendarFeedAction = parentAction(noInput, async (_data, parent) => {
  const { url, replaced } = await renewCalendarToken(parent.familyId);
  return {
    url,
    message: replaced ? "Nouvelle adresse créée : l'ancienne ne fonctionne plus." : "Adresse créée : ajoutez-la à votre agenda.",
  };
});

export const revokeCalendarFeedAction = parentAction(noInput, async (_data, parent) => {
  await revokeCalendarToken(parent.familyId);
  return { message: "Lien désactivé : les agendas abonnés ne reçoivent plus vos réservations." };
});
