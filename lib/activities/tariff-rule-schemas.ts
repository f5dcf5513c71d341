/** Forms of the tariffs beyond the quotient (ADR 055): an activity's « Règles de tarif », a lieu's résident communes. */
import { z } from "zod";
import { DAY_RANGES, dateField } from "@/lib/forms/fields";

const percent = (name: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().replace(/\s*%$/, ""))
    .refine((v) => v === "" || /^\d+$/.test(v), { message: `${name} : un pourcentage entier (exemple : 10).`, abort: true })
    .transform((v) => (v === "" ? null : Number(v)))
    .refine((v) => v === null || v <= 100, { message: `${name} : 100 % au plus.` });

export const tariffRuleSchema = z.object({
  activityId: z.string().min(1).max(64),
  validFrom: dateField("En vigueur à partir du", DAY_RANGES.planning),
  mode: z.enum(["PER_UNIT", "HOURLY"], { error: "Mode : à l'unité ou à l'heure." }),
  siblingSecondPercent: percent("Fratrie, 2e enfant"),
  siblingThirdPercent: percent("Fratrie, 3e enfant et suivants"),
  siblingScope: z.enum(["DAY", "PERIOD"], { error: "Portée : même jour ou même période." }),
});

/** One commune a line (a postal code or a name), at most 200, each at most 80 characters; blank lines dropped. */
export const residentCommunesSchema = z.object({
  structureId: z.string().min(1).max(64),
  communes: z
    .string()
    .max(20_000, "Communes : la liste est trop longue.")
    .transform((v) => [...new Set(v.split(/\r?\n/).map((line) => line.trim().replace(/\s+/g, " ")))].filter((line) => line !== ""))
    .refine((list) => list.length <= 200, { message: "Communes : 200 au plus." })
    .refine((list) => list.every((c) => c.length <= 80 && !/[<>]/.test(c)), {
      message: "Communes : une commune par ligne, 80 caractères au plus, sans < ni >.",
    }),
});
