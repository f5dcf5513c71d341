import { z } from "zod";
import { entityId } from "@/lib/forms/fields";

export { CUSTODY_KIND_LABELS, CUSTODY_WEEKDAYS, type CustodyKindChoice } from "./custody-words";

/** The most chosen dates / exceptions one plan carries (a school year of them fits). */
export const MAX_CUSTODY_DAYS = 400;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Date : au format JJ/MM/AAAA.")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= "2000-01-01" && v <= "2100-12-31";
  }, "Date : cette date n'existe pas.");

/**
 * « Calendrier de garde » (staff): which foyer has a shared child on each day, and the billing option. The foyers are
 * sent as ids; the domain checks they are the child's two foyers (set-custody-plan.ts).
 */
const custodyPlanObject = z.object({
  childId: entityId,
  kind: z.enum(["ALTERNATE_WEEKS", "WEEKDAYS", "DATES"], {
    error: "Type de calendrier : choisissez semaines alternées, jours fixes ou dates choisies.",
  }),
  /** ALTERNATE_WEEKS: the foyer of the even ISO weeks. */
  evenWeeksFamilyId: entityId.nullable(),
  /** WEEKDAYS: a foyer per weekday, lundi first. */
  weekdayFamilyIds: z.array(entityId).max(7),
  /** DATES (and any day no rule gives). */
  defaultFamilyId: entityId,
  /** Chosen dates (DATES) and exceptions to the rule (a holiday swapped). */
  days: z.array(z.object({ day, familyId: entityId })).max(MAX_CUSTODY_DAYS, `Dates : ${MAX_CUSTODY_DAYS} au plus.`),
  /** Fixed split: the first foyer's share of every line, in percent; null = each day billed to its custody foyer. */
  firstFoyerSharePercent: z
    .number({ error: "Partage : un pourcentage entier entre 1 et 99." })
    .int("Partage : un pourcentage entier entre 1 et 99.")
    .min(1, "Partage : un pourcentage entier entre 1 et 99.")
    .max(99, "Partage : un pourcentage entier entre 1 et 99.")
    .nullable(),
});

function checkPlan(plan: z.output<typeof custodyPlanObject>, ctx: z.RefinementCtx) {
  if (plan.kind === "ALTERNATE_WEEKS" && !plan.evenWeeksFamilyId)
    ctx.addIssue({ code: "custom", path: ["evenWeeksFamilyId"], message: "Semaines paires : choisissez le foyer." });
  if (plan.kind === "WEEKDAYS" && plan.weekdayFamilyIds.length !== 7)
    ctx.addIssue({ code: "custom", path: ["weekdayFamilyIds"], message: "Jours fixes : choisissez un foyer pour chaque jour." });
  const seen = new Set<string>();
  for (const [index, d] of plan.days.entries()) {
    if (seen.has(d.day)) ctx.addIssue({ code: "custom", path: ["days", index, "day"], message: "Date : chaque date une seule fois." });
    seen.add(d.day);
  }
}

export const custodyPlanSchema = custodyPlanObject.superRefine(checkPlan);

/** The staff's form: the plan, and the family file it is edited from (either of the child's foyers). */
export const staffCustodyPlanSchema = custodyPlanObject.extend({ familyId: entityId }).superRefine(checkPlan);

export type CustodyPlanInput = z.output<typeof custodyPlanSchema>;
