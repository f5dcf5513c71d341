/**
 * The field primitives every form of the portal is made of (accounts, family
 * file, activities…). Messages are French, start with the field's label and
 * are shown next to the field; the server re-parses with the same schemas.
 */
import { z } from "zod";
import { parisDay } from "@/lib/calendar/paris";
import { frenchDateToIso } from "./french-dates";
import { dayRangeMessage, type DayRange } from "./date-ranges";

export { DAY_RANGES } from "./date-ranges";

export { frenchDateTimeToIso, frenchDateToIso, frenchTimeToIso } from "./french-dates";

// Zod's own messages (rarely seen: ours are set per field) in French too.
z.config(z.locales.fr());

export const required = (label: string) => `${label} : champ obligatoire.`;

/** A NUL or another control character (tab and line breaks aside): PostgreSQL refuses NUL in text, and none is ever meant. */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const noInvisible = (label: string) =>
  [
    (v: string | undefined) => !v || !INVISIBLE.test(v),
    {
      message: `${label} : il contient un caractère invisible (caractère nul ou de contrôle), souvent venu d'un copier-coller ; retapez le passage concerné.`,
    },
  ] as const;

export const trimmed = (label: string, max: number) =>
  z
    .string({ error: required(label) })
    .trim()
    .min(1, required(label))
    .max(max, `${label} : ${max} caractères au maximum.`)
    .refine(...noInvisible(label));

/** Empty means none (undefined). */
export const optionalTrimmed = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} : ${max} caractères au maximum.`)
    .refine(...noInvisible(label))
    .optional()
    .transform((value) => (value ? value : undefined));

/** Free text shown back on pages: < and > refused, empty means none (null). */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} : ${max} caractères au maximum.`)
    .refine((v) => !/[<>]/.test(v), { message: `${label} : les caractères < et > ne sont pas acceptés.` })
    .refine(...noInvisible(label))
    .optional()
    .transform((v) => (v ? v : null));

export const nameField = (label: string) =>
  trimmed(label, 80).refine((v) => /^[\p{L}][\p{L}\p{M}' -]*$/u.test(v), {
    message: `${label} : lettres, espaces, apostrophes et tirets uniquement.`,
  });

export const emailField = z
  .string({ error: required("E-mail") })
  .trim()
  .min(1, required("E-mail"))
  .max(254, "E-mail : 254 caractères au maximum.")
  .pipe(z.email("E-mail : adresse invalide (exemple : prenom.nom@exemple.fr)."))
  .transform((value) => value.toLowerCase());

/** French phone numbers: 10 digits starting with 0, or +33 followed by 9 digits. */
export const PHONE_PATTERN = /^(?:0|\+33 ?)[1-9](?:[ .-]?\d{2}){4}$/;
const PHONE_MESSAGE = (label: string) => `${label} : numéro invalide (10 chiffres, exemple : 06 12 34 56 78).`;

export const phoneField = (label: string) => trimmed(label, 20).refine((v) => PHONE_PATTERN.test(v), { message: PHONE_MESSAGE(label) });

export const optionalPhoneField = (label: string) =>
  optionalTrimmed(label, 20).refine((v) => v === undefined || PHONE_PATTERN.test(v), { message: PHONE_MESSAGE(label) });

const typedDate = (label: string) =>
  z
    .string({ error: required(label) })
    .trim()
    .min(1, required(label))
    .refine((v) => frenchDateToIso(v) !== null, {
      message: `${label} : date invalide, attendue au format jj/mm/aaaa (par exemple 06/05/2026).`,
      abort: true,
    })
    .transform((v) => frenchDateToIso(v)!);

/**
 * A day typed « jj/mm/aaaa » → "YYYY-MM-DD", within `range` counted from the day it is read (the form
 * in the browser, then the action on the server): every date field says what range it means
 * (lib/forms/date-ranges.ts), « 31/12/9999 » never reaches the domain.
 */
export const dateField = (label: string, range: DayRange) =>
  typedDate(label).superRefine((v, ctx) => {
    const message = dayRangeMessage(label, v, range, parisDay(new Date()));
    if (message) ctx.addIssue({ code: "custom", message });
  });

export function shiftYears(isoDate: string, years: number): string {
  const year = Number(isoDate.slice(0, 4)) + years;
  return `${String(year).padStart(4, "0")}${isoDate.slice(4)}`;
}

/**
 * The one birth-date rule: never in the future, and an age within bounds
 * (today in Europe/Paris). `tooYoung` / `tooOld` say it for this person.
 */
export const birthDateField = (bounds: { minYears?: number; maxYears: number; tooYoung?: string; tooOld: string }) =>
  typedDate("Date de naissance").superRefine((v, ctx) => {
    const today = parisDay(new Date());
    const message =
      v > today
        ? "Date de naissance : elle ne peut pas être dans le futur."
        : bounds.minYears !== undefined && v > shiftYears(today, -bounds.minYears)
          ? bounds.tooYoung
          : v <= shiftYears(today, -bounds.maxYears)
            ? bounds.tooOld
            : null;
    if (message) ctx.addIssue({ code: "custom", message });
  });

/** An adult (account holder, responsable légal): 16 to 110 years old. */
export const adultBirthDateField = (tooYoung: string) =>
  birthDateField({ minYears: 16, maxYears: 110, tooYoung, tooOld: "Date de naissance : vérifiez l'année." });

/** The id of a row, as a hidden field sends it. */
/**
 * An id sent back by a page (cuid or uuid: letters, digits, « - », « _ »). Anything else — a NUL byte, a path — can
 * name no row: it becomes « - », which matches nothing, so it gets the same answer as a missing id.
 */
export const entityId = z
  .string()
  .min(1)
  .max(64)
  .transform((v) => (/^[\w-]+$/.test(v) ? v : "-"));
export const idSchema = z.object({ id: entityId });

export const refusalSchema = z.object({ id: entityId, reason: trimmed("Motif du refus", 500) });
export const cancellationSchema = z.object({ id: entityId, reason: trimmed("Motif de l'annulation", 500) });

/** "12", "12,5", "12.50", "1 234,50" € → integer cents; a negative amount or a third decimal is refused, never rounded. */
export const euros = (name: string) =>
  z
    .string({ error: `${name} : champ obligatoire.` })
    .trim()
    .min(1, `${name} : champ obligatoire.`)
    .transform((v) => v.replace(/[\s\u00A0\u202F]/g, "").replace(/€$/, ""))
    .refine((v) => !v.startsWith("-"), { message: `${name} : pas de montant négatif.`, abort: true })
    .refine((v) => !/^\d+[.,]\d{3,}$/.test(v), {
      message: `${name} : deux chiffres après la virgule au plus (exemple : 12,50).`,
      abort: true,
    })
    .refine((v) => /^\d{1,6}([.,]\d{1,2})?$/.test(v), { message: `${name} : un montant en euros (exemple : 2,50).` })
    .transform((v) => Math.round(Number(v.replace(",", ".")) * 100));

/** A whole number of `unit` (« jours », « mois ») between min and max, typed in a text field. */
export const wholeNumber = (name: string, unit: string, min: number, max: number) =>
  z
    .string({ error: `${name} : champ obligatoire.` })
    .trim()
    .min(1, `${name} : champ obligatoire.`)
    .refine((v) => /^\d+$/.test(v), { message: `${name} : un nombre entier de ${unit}.`, abort: true })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `${name} : entre ${min} et ${max} ${unit}.` });
