"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { residentCommunesSchema } from "@/lib/activities/tariff-rule-schemas";
import { setResidentCommunes } from "@/lib/activities/set-resident-communes";
import { count } from "@/lib/format";

export const setResidentCommunesAction = staffAction(residentCommunesSchema, async (data, staff) => {
  const { count: n } = await setResidentCommunes(data, { userId: staff.id, scope: staff.scope });
  revalidatePath("/admin/structures", "layout");
  return {
    message:
      n === 0
        ? "Liste vidée : le statut résident de chaque famille s'applique."
        : `${count(n, "commune résidente", "communes résidentes")} enregistrées.`,
  };
});
