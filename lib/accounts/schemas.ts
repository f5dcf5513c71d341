/**
 * One zod schema per form, used by the form (react-hook-form) and re-parsed by
 * the server action. Messages are French and shown next to the field.
 */
import { z } from "zod";
import { parisDay } from "@/lib/calendar/paris";

// Zod's own messages (rarely seen: ours are set per field) in French too.
z.config(z.locales.fr());

const required = (label: string) => `${label} : champ obligatoire.`;

export const trimmed = (label: string, max: number) =>
  z
    .string({ error: required(label) })
    .trim()
    .min(1, required(label))
    .max(max, `${label} : ${max} caractères au maximum.`);

const optionalTrimmed = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} : ${max} caractères au maximum.`)
    .optional()
    .transform((value) => (value ? value : undefined));

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

export const phoneField = (label: string) =>
  trimmed(label, 20).refine((v) => PHONE_PATTERN.test(v), {
    message: `${label} : numéro invalide (10 chiffres, exemple : 06 12 34 56 78).`,
  });

export const optionalPhoneField = (label: string) =>
  optionalTrimmed(label, 20).refine((v) => v === undefined || PHONE_PATTERN.test(v), {
    message: `${label} : numéro invalide (10 chiffres, exemple : 06 12 34 56 78).`,
  });

/** "YYYY-MM-DD" (what <input type="date"> sends). */
export const dateField = (label: string) =>
  z
    .string({ error: required(label) })
    .min(1, required(label))
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} : date invalide.`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), {
      message: `${label} : date invalide.`,
    });


export const passwordField = z
  .string({ error: required("Mot de passe") })
  .min(10, "Mot de passe : 10 caractères au minimum.")
  .max(128, "Mot de passe : 128 caractères au maximum.")
  .refine((v) => /[A-Za-zÀ-ÿ]/.test(v) && /\d/.test(v), {
    message: "Mot de passe : au moins une lettre et un chiffre.",
  });

export const accountRequestSchema = z
  .object({
    civility: z.enum(["M", "MME"], { error: "Civilité : choisissez Madame ou Monsieur." }),
    lastName: nameField("Nom"),
    firstName: nameField("Prénom"),
    birthDate: dateField("Date de naissance"),
    homePhone: optionalPhoneField("Téléphone domicile"),
    mobilePhone: phoneField("Téléphone portable"),
    email: emailField,
    street: trimmed("N° et nom de voie", 120).refine((v) => !/[<>]/.test(v), {
      message: "N° et nom de voie : les caractères < et > ne sont pas acceptés.",
    }),
    addressComplement: optionalTrimmed("Complément d'adresse", 120).refine((v) => v === undefined || !/[<>]/.test(v), {
      message: "Complément d'adresse : les caractères < et > ne sont pas acceptés.",
    }),
    postalCode: z
      .string({ error: required("Code postal") })
      .trim()
      .min(1, required("Code postal"))
      .regex(/^\d{5}$/, "Code postal : 5 chiffres."),
    city: nameField("Ville"),
    password: passwordField,
    passwordConfirmation: z.string({ error: required("Confirmation du mot de passe") }),
  })
  .superRefine((value, ctx) => {
    const today = parisDay(new Date());
    if (value.birthDate > today) {
      ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Date de naissance : elle ne peut pas être dans le futur." });
    } else if (value.birthDate > shiftYears(today, -16)) {
      ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Date de naissance : le responsable doit avoir au moins 16 ans." });
    } else if (value.birthDate < shiftYears(today, -120)) {
      ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Date de naissance : vérifiez l'année." });
    }
    if (value.password !== value.passwordConfirmation) {
      ctx.addIssue({
        code: "custom",
        path: ["passwordConfirmation"],
        message: "Confirmation du mot de passe : les deux mots de passe sont différents.",
      });
    }
  });

export type AccountRequestInput = z.input<typeof accountRequestSchema>;
export type AccountRequestData = z.output<typeof accountRequestSchema>;

export function shiftYears(isoDate: string, years: number): string {
  const year = Number(isoDate.slice(0, 4)) + years;
  return `${String(year).padStart(4, "0")}${isoDate.slice(4)}`;
}

export const refusalSchema = z.object({
  id: z.string().min(1).max(64),
  reason: trimmed("Motif du refus", 500),
});

export const cancellationSchema = z.object({
  id: z.string().min(1).max(64),
  reason: trimmed("Motif de l'annulation", 500),
});

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, required("Mot de passe")).max(128, "Mot de passe : 128 caractères au maximum."),
});

export const forgottenPasswordSchema = z.object({ email: emailField });

export const resetPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: passwordField,
    passwordConfirmation: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirmation, {
    path: ["passwordConfirmation"],
    message: "Confirmation du mot de passe : les deux mots de passe sont différents.",
  });
