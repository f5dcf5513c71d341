import { z } from "zod";
import { dateField, entityId } from "@/lib/forms/fields";

/** A calendar day "YYYY-MM-DD" that exists, in a year the portal can hold (PostgreSQL refuses year 0). */
const isoDay = z.string().regex(/^(19|20|21)\d{2}-\d{2}-\d{2}$/, "Jour invalide.").refine((v) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}, "Jour invalide.");

export const cellSchema = z.object({ inscriptionId: entityId, timeUnitId: entityId, day: isoDay });

/**
 * The cells of one send. The parser accepts more than one send may carry, so that the domain
 * says how many it takes (« 1000 au plus ») rather than a bare « formulaire invalide ».
 */
export const sendCellsSchema = z.object({ cells: z.array(cellSchema).max(20_000, "Trop de demandes en une fois.") });

export const reservationIdSchema = z.object({ reservationId: entityId });

export const WEEK_TYPES = [
  { value: "ALL", label: "Toutes les semaines" },
  { value: "EVEN", label: "Semaines paires" },
  { value: "ODD", label: "Semaines impaires" },
] as const;

/** « Réservations sur période »: the dates, the type de semaine, and the units ticked per weekday (1 = lundi … 5 = vendredi, 6, 0). */
export const periodRequestSchema = z
  .object({
    inscriptionId: entityId,
    startDate: dateField("Date début"),
    endDate: dateField("Date fin"),
    weekType: z.enum(["ALL", "EVEN", "ODD"], { error: "Type de semaine : choisissez dans la liste." }),
    /** "weekday:unitId" for each ticked box of the semaine type. */
    slots: z.array(z.string().regex(/^[0-6]:[^:]{1,64}$/)).max(70).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "Date fin : elle doit suivre la date de début." });
    if (v.slots.length === 0) ctx.addIssue({ code: "custom", path: ["slots"], message: "Semaine type : cochez au moins une case (un jour et une unité)." });
  });

export type PeriodRequestInput = z.input<typeof periodRequestSchema>;
export type PeriodRequest = z.output<typeof periodRequestSchema>;
