"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/action";
import { entityId, idSchema, refusalSchema, trimmed } from "@/lib/forms/fields";
import { bulkDecisionSchema, MAX_BULK } from "@/lib/bulk-schema";
import { count } from "@/lib/format";
import { UserFacingError } from "@/lib/errors";
import { acceptReservations, decideCancellations, refuseReservations } from "@/lib/reservations/decide-reservations";
import { bulkMessage, DECIDED_REQUESTS, type BulkReport } from "@/lib/bulk";

/** One request: nothing done is said as an error (it changed meanwhile, or no place is left). */
function single(report: BulkReport): null {
  if (report.done.length === 0 && report.notDone[0]) throw new UserFacingError(report.notDone[0].message);
  revalidatePath("/admin", "layout");
  return null;
}

export const acceptReservationAction = staffAction(idSchema, async ({ id }, staff) =>
  single(await acceptReservations({ ids: [id], actor: staff.actor })),
);

export const refuseReservationAction = staffAction(refusalSchema, async ({ id, reason }, staff) =>
  single(await refuseReservations({ ids: [id], reason, actor: staff.actor })),
);

/**
 * The ticked requests, or a family's month: each family's decisions in one transaction with its one
 * e-mail; a request changed meanwhile is said and left, the others apply.
 */
export const decideReservationsAction = staffAction(bulkDecisionSchema, async (data, staff) => {
  const report =
    data.decision === "validate"
      ? await acceptReservations({ ids: data.ids, actor: staff.actor })
      : await refuseReservations({ ids: data.ids, reason: data.reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return {
    message: bulkMessage(report, { done: DECIDED_REQUESTS[data.decision] }),
  };
});

const decision = z.enum(["EXCUSED", "BILLED"], { error: "Décision : choisissez excusée ou facturée." });
const cancellationDecisionSchema = z.object({
  decisions: z
    .array(z.object({ id: entityId, decision }))
    .min(1, "Cochez au moins une demande.")
    .max(MAX_BULK, `${MAX_BULK} demandes au plus à la fois.`)
    .refine((list) => new Set(list.map((d) => d.id)).size === list.length, "Une demande est cochée deux fois : rechargez la page."),
  reason: trimmed("Motif", 500),
});

/** DAs decided, each as absence excusée or facturée, with one reason; one e-mail per family (seed 004's wording). */
export const decideCancellationsAction = staffAction(cancellationDecisionSchema, async (data, staff) => {
  const report = await decideCancellations({ decisions: data.decisions, reason: data.reason, actor: staff.actor });
  if (data.decisions.length === 1) return { message: single(report) ?? "Annulation décidée." };
  revalidatePath("/admin", "layout");
  const excused = report.done.filter((id) => data.decisions.find((d) => d.id === id)?.decision === "EXCUSED").length;
  const billed = report.done.length - excused;
  return {
    message: bulkMessage(report, {
      done: `${count(excused, "annulation excusée", "annulations excusées")}, ${count(billed, "annulation facturée", "annulations facturées")}`,
    }),
  };
});
