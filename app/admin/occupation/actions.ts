"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { count, formatLongDate } from "@/lib/format";
import { cancelDaySchema } from "@/lib/reservations/schemas";
import { cancelDay } from "@/lib/reservations/cancel-day";

/** « Annuler l'accueil de ce jour » (exceptional day): closed on every calendar, nothing billed, one e-mail per family. */
export const cancelDayAction = staffAction(cancelDaySchema, async (data, staff) => {
  const result = await cancelDay({
    activityId: data.activityId,
    day: data.date,
    timeUnitIds: data.timeUnitIds,
    reason: data.reason,
    actor: staff.actor,
  });
  revalidatePath("/admin", "layout");
  return {
    message: `Accueil du ${formatLongDate(data.date)} annulé (${result.wholeDay ? "toute la journée" : result.units.join(", ")}) : ${count(result.cancelled, "réservation ou demande annulée", "réservations ou demandes annulées")}, ${count(result.families, "famille prévenue", "familles prévenues")} par e-mail.`,
  };
});
