/**
 * One zod schema per form, used by the form (react-hook-form) and re-parsed by
 * the server action. Messages are French and shown next to the field.
 */
import { z } from "zod";
import {
  adultBirthDateField,
  emailField,
  nameField,
  optionalPhoneField,
  optionalTrimmed,
  phoneField,
  required,
  trimmed,
} from "@/lib/forms/fields";
import { PUBLIC_DEMO_PASSWORD } from "./demo-password";

export const passwordField = z
  .string({ error: required("Mot de passe") })
  .min(10, "Mot de passe : 10 caractères au minimum.")
  .max(128, "Mot de passe : 128 caractères au maximum.")
  .refine((v) => /[A-Za-zÀ-ÿ]/.test(v) && /\d/.test(v), {
    message: "Mot de passe : au moins une lettre et un chiffre.",
  })
  // The demo's password is published in the README: a real account never holds it (production start refuses a
  // database where one does, scripts/lib/production-checks.ts).
  .refine((v) => v !== PUBLIC_DEMO_PASSWORD, { message: "Mot de passe : celui de la démonstration est public, choisissez-en un autre." });

export const accountRequestSchema = z
  .object({
    civility: z.enum(["M", "MME"], { error: "Civilité : choisissez Madame ou Monsieur." }),
    lastName: nameField("Nom"),
    firstName: nameField("Prénom"),
    birthDate: adultBirthDateField("Date de naissance : le responsable doit avoir au moins 16 ans."),
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
