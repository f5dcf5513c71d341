import { z } from "zod";
import { DAY_RANGES, dateField, entityId } from "@/lib/forms/fields";
import { parisDay } from "@/lib/calendar/paris";
import { dayRangeMessage } from "@/lib/forms/date-ranges";

/** A calendar day "YYYY-MM-DD" sent by a page (a cell, a pointage): one that exists, within DAY_RANGES.planning of today. */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Jour invalide.")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return (
      !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && !dayRangeMessage("Jour", v, DAY_RANGES.planning, parisDay(new Date()))
    );
  }, "Jour invalide.");

export const cellSchema = z.object({ inscriptionId: entityId, timeUnitId: entityId, day: isoDay });

/**
 * The cells of one send. The parser accepts more than one send may carry, so that the domain
 * says how many it takes (« 1000 au plus ») rather than a bare « formulaire invalide ».
 */
export const sendCellsSchema = z.object({ cells: z.array(cellSchema).max(20_000, "Trop de demandes en une fois.") });

export const reservationIdSchema = z.object({ reservationId: entityId });

/** « Réservations sur période »: the dates, the type de semaine, and the units ticked per weekday (1 = lundi … 5 = vendredi, 6, 0). */
export const periodRequestSchema = z
  .object({
    inscriptionId: entityId,
    startDate: dateField("Date début", DAY_RANGES.planning),
    endDate: dateField("Date fin", DAY_RANGES.planning),
    weekType: z.enum(["ALL", "EVEN", "ODD"], { error: "Type de semaine : choisissez dans la liste." }),
    /** "weekday:unitId" for each ticked box of the semaine type. */
    slots: z
      .array(z.string().regex(/^[0-6]:[^:]{1,64}$/))
      .max(70)
      .default([]),
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "Date fin : elle doit suivre la date de début." });
    if (v.slots.length === 0)
      ctx.addIssue({ code: "custom", path: ["slots"], message: "Semaine type : cochez au moins une case (un jour et une unité)." });
  });

export type PeriodRequestInput = z.input<typeof periodRequestSchema>;
export type PeriodRequest = z.output<typeof periodRequestSchema>;

/** « Annuler ce jour » (exceptional day): the units ticked (none: every unit), the reason sent to the families. */
export const cancelDaySchema = z.object({
  activityId: entityId,
  date: dateField("Jour", DAY_RANGES.planning),
  // A group of one checkbox gives a boolean: no unit ticked then means the whole day.
  timeUnitIds: z.preprocess((v) => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []), z.array(entityId).max(50)),
  reason: z.string().trim().min(1, "Motif : indiquez-le, il est envoyé aux familles.").max(500, "Motif : 500 caractères au plus."),
});

/** « Enregistrer le pointage »: each child's mark; one reason for the excused absences and the corrections. */
export const attendanceSchema = z.object({
  activityId: entityId,
  date: isoDay,
  timeUnitId: entityId,
  marks: z
    .array(
      z.object({
        reservationId: entityId,
        mark: z.enum(["PRESENT", "ABSENT", "EXCUSED"], { error: "Pointage : présent, absent ou absent excusé." }),
      }),
    )
    .min(1, "Aucun enfant à pointer.")
    .max(500, "500 enfants au plus à la fois.")
    .refine(
      (marks) => new Set(marks.map((m) => m.reservationId)).size === marks.length,
      "Un enfant est pointé deux fois : rechargez la page.",
    ),
  reason: z.string().trim().max(500, "Motif : 500 caractères au plus.").optional(),
});

/** A child present without a booking, added on the spot. */
export const walkInSchema = z.object({
  activityId: entityId,
  date: dateField("Jour", DAY_RANGES.walkIn),
  timeUnitId: entityId,
  inscriptionId: z.string({ error: "Enfant : choisissez dans la liste." }).min(1, "Enfant : choisissez dans la liste.").max(64),
});
