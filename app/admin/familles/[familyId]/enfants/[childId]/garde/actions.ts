"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { staffCustodyPlanSchema } from "@/lib/families/custody-plan-schema";
import { setCustodyPlan } from "@/lib/families/set-custody-plan";
import { count } from "@/lib/format";

/** « Calendrier de garde » (garde alternée, ADR 051): staff set a shared child's plan from either foyer's file. */
export const setCustodyPlanAction = staffAction(staffCustodyPlanSchema, async ({ familyId, ...plan }, staff) => {
  const result = await setCustodyPlan({ familyId, plan, actor: staff.actor });
  revalidatePath("/admin/familles", "layout");
  return {
    message:
      result.moved > 0
        ? `Calendrier de garde enregistré : ${count(result.moved, "jour réservé change", "jours réservés changent")} de foyer ; les deux foyers sont prévenus par e-mail.`
        : "Calendrier de garde enregistré ; les deux foyers sont prévenus par e-mail.",
  };
});
