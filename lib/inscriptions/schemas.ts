import { z } from "zod";
import { DAY_RANGES, dateField, entityId, optionalTrimmed } from "@/lib/forms/fields";

const id = (label: string) =>
  z
    .string({ error: `${label} : choisissez dans la liste.` })
    .min(1, `${label} : choisissez dans la liste.`)
    .max(64);

export const inscriptionRequestSchema = z
  .object({
    childId: id("Enfant"),
    activityId: id("Activité"),
    periodId: id("Période"),
    ageGroupId: z
      .string()
      .max(64)
      .optional()
      .transform((v) => v || null),
    startDate: dateField("Du", DAY_RANGES.planning),
    endDate: dateField("Au", DAY_RANGES.planning),
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "Au : la date de fin doit suivre la date de début." });
  });

export type InscriptionRequestInput = z.input<typeof inscriptionRequestSchema>;

/** « Valider »; a waiting request validated before an earlier rank of its group says why (ADR 033). */
export const inscriptionValidationSchema = z.object({ id: entityId, reason: optionalTrimmed("Motif", 500) });

/** « Réinscrire » (ADR 052): this year's inscriptions ticked, each renewed for the new period. */
export const renewalRequestSchema = z.object({
  previousInscriptionIds: z.array(entityId).min(1, "Cochez au moins un enfant à réinscrire.").max(50, "Trop de demandes en une fois."),
});
