"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { cancellationSchema, refusalSchema } from "@/lib/forms/fields";
import { inscriptionValidationSchema } from "@/lib/inscriptions/schemas";
import { bulkMessage, DECIDED_REQUESTS, forEachRequest } from "@/lib/bulk";
import { bulkDecisionSchema } from "@/lib/bulk-schema";
import { validateInscription, cancelInscription, refuseInscription } from "@/lib/inscriptions/decide-inscription";
import { validateRenewals } from "@/lib/inscriptions/validate-renewals";

export const validateInscriptionAction = staffAction(inscriptionValidationSchema, async ({ id, reason }, staff) => {
  await validateInscription({ id, actor: staff.actor, skipReason: reason });
  revalidatePath("/admin", "layout");
  return null;
});

export const refuseInscriptionAction = staffAction(refusalSchema, async ({ id, reason }, staff) => {
  await refuseInscription({ id, reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return null;
});

export const decideInscriptionsAction = staffAction(bulkDecisionSchema, async (data, staff) => {
  const report = await forEachRequest(data.ids, (id) =>
    data.decision === "validate"
      ? validateInscription({ id, actor: staff.actor })
      : refuseInscription({ id, reason: data.reason, actor: staff.actor }),
  );
  revalidatePath("/admin", "layout");
  return { message: bulkMessage(report, { done: DECIDED_REQUESTS[data.decision], unnamed: true }) };
});

export const cancelInscriptionAction = staffAction(cancellationSchema, async ({ id, reason }, staff) => {
  await cancelInscription({ id, reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return null;
});

/** « Réinscriptions » validated in bulk: one e-mail per family naming every child (ADR 052); a refusal as any other. */
export const decideRenewalsAction = staffAction(bulkDecisionSchema, async (data, staff) => {
  const report =
    data.decision === "validate"
      ? await validateRenewals({ ids: data.ids, actor: staff.actor })
      : await forEachRequest(data.ids, (id) => refuseInscription({ id, reason: data.reason, actor: staff.actor }));
  revalidatePath("/admin", "layout");
  return { message: bulkMessage(report, { done: DECIDED_REQUESTS[data.decision] }) };
});
