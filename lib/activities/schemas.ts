/** Forms of the activity configuration (staff). */
import { z } from "zod";
import { DAY_RANGES, dateField, euros, frenchDateTimeToIso, frenchTimeToIso, trimmed } from "@/lib/forms/fields";
import { parisDay } from "@/lib/calendar/paris";
import { dayRangeMessage } from "@/lib/forms/date-ranges";
import { parseDeadline } from "@/lib/calendar/deadlines";

const label = (name: string, max = 120) =>
  trimmed(name, max).refine((v) => !/[<>]/.test(v), { message: `${name} : les caractères < et > ne sont pas acceptés.` });

const optionalInt = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d*$/, `${name} : un nombre entier positif.`)
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (v >= min && v <= max), { message: `${name} : entre ${min} et ${max}.` });

const requiredInt = (name: string, min: number, max: number) =>
  z
    .string({ error: `${name} : champ obligatoire.` })
    .trim()
    .min(1, `${name} : champ obligatoire.`)
    .regex(/^-?\d+$/, `${name} : un nombre entier.`)
    .transform(Number)
    .refine((v) => v >= min, { message: min === 0 ? `${name} : pas de nombre négatif.` : `${name} : au moins ${min}.` })
    .refine((v) => v <= max, { message: `${name} : ${max} au plus.` });

const deadline = (name: string) =>
  trimmed(name, 40).refine((v) => parseDeadline(v) !== null, {
    message: `${name} : incomplet ou invalide (un nombre de jours de 0 à 99 ou un jour de la semaine, et une heure limite au format hh:mm).`,
  });

/** « jj/mm/aaaa hh:mm », Paris wall-clock time → "YYYY-MM-DDTHH:MM", its day within DAY_RANGES.opening; empty = none. */
const optionalLocalDateTime = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || frenchDateTimeToIso(v) !== null, {
      message: `${name} : date et heure invalides, attendues au format jj/mm/aaaa hh:mm (par exemple 02/03/2026 08:00).`,
      abort: true,
    })
    .optional()
    .transform((v) => (v ? frenchDateTimeToIso(v) : null))
    .superRefine((v, ctx) => {
      const message = v && dayRangeMessage(name, v.slice(0, 10), DAY_RANGES.opening, parisDay(new Date()));
      if (message) ctx.addIssue({ code: "custom", message });
    });

/** « 8h30 », « 08:30 »… → "08:30". */
const timeOfDay = (name: string) =>
  z
    .string({ error: `${name} : champ obligatoire.` })
    .trim()
    .refine((v) => frenchTimeToIso(v) !== null, { message: `${name} : heure invalide, attendue au format hh:mm (par exemple 08:30).` })
    .transform((v) => frenchTimeToIso(v)!);

import { CARE_KINDS } from "./care-kinds";

export { CARE_KINDS } from "./care-kinds";

export const activitySchema = z
  .object({
    structureId: z.string().min(1, "Lieu d'accueil : choisissez dans la liste.").max(64),
    careKind: z.enum(Object.keys(CARE_KINDS) as [keyof typeof CARE_KINDS], { error: "Type d'accueil : choisissez dans la liste." }),
    name: label("Nom de l'activité"),
    description: z
      .string()
      .trim()
      .max(1000, "Description : 1000 caractères au maximum.")
      .optional()
      .transform((v) => v || null),
    inscriptionValidation: z.enum(["MANUAL", "AUTOMATIC"], { error: "Validation des inscriptions : choisissez." }),
    reservationValidation: z.enum(["MANUAL", "AUTOMATIC"], { error: "Validation des réservations : choisissez." }),
    bookingDeadline: deadline("Délai de réservation"),
    cancellationDeadline: deadline("Délai d'annulation"),
    inscriptionsOpenAt: optionalLocalDateTime("Ouverture des inscriptions"),
    residentsOpenAt: optionalLocalDateTime("Ouverture pour les habitants de la commune"),
    renewalsOpenAt: optionalLocalDateTime("Ouverture des réinscriptions"),
    maxInscriptions: optionalInt("Nombre maximal d'inscriptions", 1, 10_000),
    isPreRegistration: z.enum(["oui", "non"], { error: "Pré-inscription : répondez oui ou non." }),
    /** Counted on the attestation fiscale (ADR 056); absent: « non » for a canteen, « oui » otherwise (on creation), unchanged (update). */
    // A radio left unanswered arrives as null (or "") from the form: the same as absent.
    taxCertificateEligible: z.preprocess(
      (v) => (v === null || v === "" ? undefined : v),
      z.enum(["oui", "non"], { error: "Attestation fiscale : répondez oui ou non." }).optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.residentsOpenAt && v.inscriptionsOpenAt && v.residentsOpenAt > v.inscriptionsOpenAt) {
      ctx.addIssue({
        code: "custom",
        path: ["residentsOpenAt"],
        message: "Ouverture pour les habitants : elle doit précéder l'ouverture à tous.",
      });
    }
    if (v.renewalsOpenAt && v.inscriptionsOpenAt && v.renewalsOpenAt > v.inscriptionsOpenAt) {
      ctx.addIssue({
        code: "custom",
        path: ["renewalsOpenAt"],
        message: "Ouverture des réinscriptions : elle doit précéder l'ouverture à tous.",
      });
    }
    if (v.renewalsOpenAt && !v.inscriptionsOpenAt) {
      ctx.addIssue({
        code: "custom",
        path: ["inscriptionsOpenAt"],
        message: "Ouverture des inscriptions : indiquez aussi l'ouverture à tous.",
      });
    }
    if (v.residentsOpenAt && !v.inscriptionsOpenAt) {
      ctx.addIssue({
        code: "custom",
        path: ["inscriptionsOpenAt"],
        message: "Ouverture des inscriptions : indiquez aussi l'ouverture à tous.",
      });
    }
  });

export const periodSchema = z
  .object({
    activityId: z.string().min(1).max(64),
    name: label("Nom de la période"),
    startDate: dateField("Date de début", DAY_RANGES.planning),
    endDate: dateField("Date de fin", DAY_RANGES.periodEnd),
    weekdays: z.array(z.enum(["1", "2", "3", "4", "5", "6", "0"])).min(1, "Jours d'ouverture : cochez au moins un jour."),
    inHolidays: z.enum(["oui", "non"], { error: "Pendant les vacances scolaires : répondez oui ou non." }),
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "Date de fin : elle doit suivre la date de début." });
  });

export const ageGroupSchema = z
  .object({
    activityId: z.string().min(1).max(64),
    name: label("Nom du groupe", 60),
    minYears: optionalInt("Âge minimum", 0, 25),
    maxYears: optionalInt("Âge maximum", 1, 26),
    capacity: optionalInt("Places du groupe", 0, 10_000),
    unitCapacity: optionalInt("Places du groupe par unité et par jour", 0, 10_000)
      .optional()
      .transform((v) => v ?? null),
  })
  .superRefine((v, ctx) => {
    if (v.minYears !== null && v.maxYears !== null && v.maxYears <= v.minYears) {
      ctx.addIssue({ code: "custom", path: ["maxYears"], message: "Âge maximum : il doit dépasser l'âge minimum." });
    }
  });

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const timeUnitSchema = z
  .object({
    activityId: z.string().min(1).max(64),
    name: label("Nom de l'unité", 80),
    startTime: timeOfDay("Heure de début"),
    endTime: timeOfDay("Heure de fin"),
    capacity: requiredInt("Capacité (places par jour)", 0, 10_000),
  })
  .superRefine((v, ctx) => {
    if (TIME.test(v.startTime) && TIME.test(v.endTime) && v.endTime <= v.startTime) {
      ctx.addIssue({ code: "custom", path: ["endTime"], message: "Heure de fin : elle doit suivre l'heure de début." });
    }
  });

/** An amount in euros that may be left empty (null). */
const optionalEuros = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const typed = (v ?? "").trim();
      if (typed === "") return null;
      const parsed = euros(name).safeParse(typed);
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? `${name} : un montant en euros.` });
      return z.NEVER;
    });

export const tariffsSchema = z
  .object({
    timeUnitId: z.string().min(1).max(64),
    brackets: z
      .array(
        z.object({
          qfMin: requiredInt("QF minimum", 0, 100_000),
          qfMax: optionalInt("QF maximum", 0, 100_000),
          price: euros("Prix"),
          /** « Tarif hors commune » (ADR 055): empty = the same price for every family. */
          nonResidentPrice: optionalEuros("Tarif hors commune"),
        }),
      )
      .min(1, "Tarifs : au moins une tranche.")
      .max(12, "Tarifs : 12 tranches au plus."),
  })
  .superRefine((v, ctx) => {
    const rows = [...v.brackets];
    if (rows[0] && rows[0].qfMin !== 0) {
      ctx.addIssue({ code: "custom", path: ["brackets", 0, "qfMin"], message: "QF minimum : la première tranche commence à 0." });
    }
    rows.forEach((row, i) => {
      if (row.qfMax !== null && row.qfMax < row.qfMin) {
        ctx.addIssue({
          code: "custom",
          path: ["brackets", i, "qfMax"],
          message: `Tranche ${i + 1} : le QF maximum doit suivre le QF minimum.`,
        });
      }
      const next = rows[i + 1];
      if (next) {
        if (row.qfMax === null) {
          ctx.addIssue({
            code: "custom",
            path: ["brackets", i, "qfMax"],
            message: `Tranche ${i + 1} : seule la dernière tranche peut être sans maximum.`,
          });
        } else if (next.qfMin <= row.qfMax) {
          ctx.addIssue({
            code: "custom",
            path: ["brackets", i + 1, "qfMin"],
            message: `Tranche ${i + 2} : elle chevauche la tranche ${i + 1}.`,
          });
        } else if (next.qfMin > row.qfMax + 1) {
          ctx.addIssue({
            code: "custom",
            path: ["brackets", i + 1, "qfMin"],
            message: `Tranche ${i + 2} : trou entre ${row.qfMax} et ${next.qfMin} (elle doit commencer à ${row.qfMax + 1}).`,
          });
        }
      } else if (row.qfMax !== null) {
        ctx.addIssue({
          code: "custom",
          path: ["brackets", i, "qfMax"],
          message: "Dernière tranche : laissez le QF maximum vide (sans plafond).",
        });
      }
    });
  });

export const capacityOverrideSchema = z.object({
  timeUnitId: z.string().min(1).max(64),
  date: dateField("Jour", DAY_RANGES.planning),
  capacity: requiredInt("Places ce jour-là", 0, 10_000),
});

export const unitRuleSchema = z
  .object({
    unitId: z.string({ error: "Unité : choisissez dans la liste." }).min(1, "Unité : choisissez dans la liste.").max(64),
    kind: z.enum(["INCOMPATIBLE", "REQUIRES"], { error: "Règle : choisissez dans la liste." }),
    otherUnitId: z.string({ error: "Autre unité : choisissez dans la liste." }).min(1, "Autre unité : choisissez dans la liste.").max(64),
  })
  .superRefine((v, ctx) => {
    if (v.unitId === v.otherUnitId)
      ctx.addIssue({ code: "custom", path: ["otherUnitId"], message: "Autre unité : choisissez une unité différente de la première." });
  });

export const structureSchema = z.object({
  name: label("Nom du lieu d'accueil"),
  street: z
    .string()
    .trim()
    .max(120)
    .optional()
    .transform((v) => v || null),
  postalCode: z
    .string()
    .trim()
    .refine((v) => v === "" || /^\d{5}$/.test(v), { message: "Code postal : 5 chiffres." })
    .optional()
    .transform((v) => v || null),
  city: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((v) => v || null),
});

export const calendarExceptionSchema = z
  .object({
    structureId: z.string().min(1).max(64),
    kind: z.enum(["VACANCES_SCOLAIRES", "JOUR_FERIE", "FERMETURE"], { error: "Type : choisissez dans la liste." }),
    label: label("Libellé", 80),
    startDate: dateField("Du", DAY_RANGES.planning),
    endDate: dateField("Au", DAY_RANGES.planning),
  })
  .superRefine((v, ctx) => {
    if (v.endDate < v.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "Au : la date de fin doit suivre la date de début." });
  });

export type ActivityData = z.output<typeof activitySchema>;
export type PeriodData = z.output<typeof periodSchema>;
