"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/action";
import { setStaffLieu } from "@/lib/staff/manage-team";
import { staffLieuSchema } from "@/lib/staff/schemas";

/** « Équipe »: an ADMIN gives a lieu d'accueil to a STAFF account (ADR 029), logged. */
export const assignLieuAction = adminAction(staffLieuSchema, async ({ userId, structureId }, admin) => {
  const done = await setStaffLieu({ userId, structureId, assigned: true, actor: admin.actor });
  revalidatePath("/admin/equipe");
  return { message: `${done.name} voit désormais seulement ${done.left > 1 ? "ses lieux, dont" : "le lieu"} « ${done.structure} ».` };
});

/** « Retirer »: the lieu is taken back; with no lieu left, the account sees every lieu again (ADR 029). */
export const removeLieuAction = adminAction(staffLieuSchema, async ({ userId, structureId }, admin) => {
  const done = await setStaffLieu({ userId, structureId, assigned: false, actor: admin.actor });
  revalidatePath("/admin/equipe");
  return {
    message:
      done.left === 0
        ? `Lieu « ${done.structure} » retiré : ${done.name} n'a plus de lieu et voit tous les lieux d'accueil.`
        : `Lieu « ${done.structure} » retiré à ${done.name}.`,
  };
});
