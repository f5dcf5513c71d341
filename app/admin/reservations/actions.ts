"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/action";
import { entityId, idSchema, refusalSchema, trimmed } from "@/lib/forms/fields";
import { bulkDecisionSchema, MAX_BULK } from "@/lib/bulk-schema";
import { count } from "@/lib/format";
import { UserFacingError } from "@/lib/errors";
import { acceptReservations, decideCancellations, refuseReservations } from "@/lib/reservations/decide-reservations";

const said = (accepted: number, stillWaiting: string[]) =>
  [`${count(accepted, "demande validée", "demandes validées")}.`, ...stillWaiting].join(" ");

export const acceptReservationAction = staffAction(idSchema, async ({ id }, staff) => {
  const result = await acceptReservations({ ids: [id], actor: staff.actor });
  // A waiting request without a place: nothing changed, and the desk is told why.
  if (result.accepted === 0 && result.stillWaiting[0]) throw new UserFacingError(result.stillWaiting[0]);
  revalidatePath("/admin", "layout");
  return null;
});

export const refuseReservationAction = staffAction(refusalSchema, async ({ id, reason }, staff) => {
  await refuseReservations({ ids: [id], reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return null;
});

/** The ticked DR and waiting requests, in one decision (one e-mail per family); all or nothing. */
export const decideReservationsAction = staffAction(bulkDecisionSchema, async (data, staff) => {
  if (data.decision === "validate") {
    const result = await acceptReservations({ ids: data.ids, actor: staff.actor });
    revalidatePath("/admin", "layout");
    return { message: said(result.accepted, result.stillWaiting) };
  }
  const result = await refuseReservations({ ids: data.ids, reason: data.reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return { message: `${count(result.refused, "demande refusée", "demandes refusées")}.` };
});

const cancellationDecisionSchema = z.object({
  ids: z.array(entityId).min(1, "Cochez au moins une demande.").max(MAX_BULK, `${MAX_BULK} demandes au plus à la fois.`),
  decision: z.enum(["EXCUSED", "BILLED"], { error: "Décision : choisissez excusée ou facturée." }),
  reason: trimmed("Motif", 500),
});

/** DA decided as absence excusée or facturée, with a reason (e-mailed, seed 004's wording). */
export const decideCancellationsAction = staffAction(cancellationDecisionSchema, async (data, staff) => {
  const result = await decideCancellations({ ids: data.ids, decision: data.decision, reason: data.reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return { message: `${count(result.decided, data.decision === "EXCUSED" ? "annulation excusée" : "annulation facturée", data.decision === "EXCUSED" ? "annulations excusées" : "annulations facturées")}.` };
});
