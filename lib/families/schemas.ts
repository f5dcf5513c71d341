/**
 * Forms of the family file (Ma famille, Mes coordonnées) and of the staff
 * screens that edit it. Shared by the client (react-hook-form) and the server.
 */
import { z } from "zod";
import {
  adultBirthDateField,
  birthDateField,
  emailField,
  entityId,
  nameField,
  optionalPhoneField,
  optionalText,
  phoneField,
  trimmed,
} from "@/lib/forms/fields";

import { MEAL_TYPES } from "./child-options";

const yesNo = (label: string) => z.enum(["oui", "non"], { error: `${label} : répondez oui ou non.` });

// ── Ajouter / modifier un enfant: four steps, as in seed 004.

export const childIdentitySchema = z.object({
  lastName: nameField("Nom"),
  firstName: nameField("Prénom"),
  birthDate: birthDateField({ maxYears: 18, tooOld: "Date de naissance : l'enfant doit avoir moins de 18 ans." }),
  sex: z.enum(["F", "M"], { error: "Sexe : choisissez Fille ou Garçon." }),
  school: optionalText("École", 120),
  schoolClass: optionalText("Classe", 40),
});

export const childHealthSchema = z
  .object({
    hasAllergies: yesNo("Allergies"),
    allergyNotes: optionalText("Précisions sur les allergies", 1000),
    hasPai: yesNo("PAI (projet d'accueil individualisé)"),
    mealType: z.enum(Object.keys(MEAL_TYPES) as [keyof typeof MEAL_TYPES], { error: "Type de repas : choisissez dans la liste." }),
    dietNotes: optionalText("Recommandations", 1000),
    doctorName: optionalText("Médecin traitant", 120),
    doctorPhone: optionalPhoneField("Téléphone du médecin").transform((v) => v ?? null),
    cafAllocataireNumber: z
      .string()
      .trim()
      .regex(/^\d{0,10}$/, "Numéro d'allocataire CAF : 7 à 10 chiffres.")
      .refine((v) => v === "" || v.length >= 7, { message: "Numéro d'allocataire CAF : 7 à 10 chiffres." })
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .superRefine((value, ctx) => {
    if (value.hasAllergies === "oui" && !value.allergyNotes) {
      ctx.addIssue({ code: "custom", path: ["allergyNotes"], message: "Précisions sur les allergies : indiquez lesquelles." });
    }
  });

export const authorizedPersonSchema = z.object({
  fullName: nameField("Nom et prénom"),
  phone: phoneField("Téléphone"),
  relationship: trimmed("Lien avec l'enfant", 60).refine((v) => !/[<>]/.test(v), {
    message: "Lien avec l'enfant : les caractères < et > ne sont pas acceptés.",
  }),
});

export const childContactsSchema = z.object({
  authorizedPersons: z.array(authorizedPersonSchema).max(6, "6 personnes autorisées au maximum."),
});

export const childConsentsSchema = z.object({
  photoConsent: yesNo("Droit à l'image"),
  canLeaveAlone: yesNo("Sortie seul"),
  emergencyCareConsent: yesNo("Soins d'urgence"),
});

/** The whole child, every step at once: nothing is saved half-valid. */
export const childSchema = z.object({
  identity: childIdentitySchema,
  health: childHealthSchema,
  contacts: childContactsSchema,
  consents: childConsentsSchema,
});

export type ChildFormInput = z.input<typeof childSchema>;
export type ChildData = z.output<typeof childSchema>;

export const emptyChildForm = (lastName = ""): ChildFormInput => ({
  identity: { lastName, firstName: "", birthDate: "", sex: undefined as unknown as "F", school: "", schoolClass: "" },
  health: {
    hasAllergies: undefined as unknown as "non",
    allergyNotes: "",
    hasPai: undefined as unknown as "non",
    mealType: "STANDARD",
    dietNotes: "",
    doctorName: "",
    doctorPhone: "",
    cafAllocataireNumber: "",
  },
  contacts: { authorizedPersons: [] },
  consents: {
    photoConsent: undefined as unknown as "non",
    canLeaveAlone: undefined as unknown as "non",
    emergencyCareConsent: undefined as unknown as "non",
  },
});

export const childIdSchema = z.object({ childId: entityId });

// ── Mes coordonnées

export const addressSchema = z.object({
  street: trimmed("N° et nom de voie", 120).refine((v) => !/[<>]/.test(v), {
    message: "N° et nom de voie : les caractères < et > ne sont pas acceptés.",
  }),
  addressComplement: optionalText("Complément d'adresse", 120),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, "Code postal : 5 chiffres."),
  city: nameField("Ville"),
});

export const phonesSchema = z.object({
  homePhone: optionalPhoneField("Téléphone domicile").transform((v) => v ?? null),
  mobilePhone: phoneField("Téléphone portable"),
  workPhone: optionalPhoneField("Téléphone professionnel").transform((v) => v ?? null),
});

export const quotientSchema = z.object({
  quotientFamilial: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, "Quotient familial : un nombre entier d'euros (exemple : 720).")
    .transform(Number)
    .refine((v) => v <= 20_000, { message: "Quotient familial : vérifiez le montant." }),
  cafNumber: z
    .string()
    .trim()
    .regex(/^\d{7,10}$/, "Numéro d'allocataire CAF : 7 à 10 chiffres."),
});

export const preferencesSchema = z.object({
  profession: optionalText("Profession", 80),
  employer: optionalText("Employeur", 120),
});

/** « Rappels par e-mail » (Mes coordonnées): the kinds ticked are received; a group of one checkbox gives a boolean. */
export const remindersSchema = z.object({
  remindersOn: z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === "string" ? [v] : []),
    z.array(z.enum(["OPENING", "DEADLINE", "PROMOTED"])).max(3),
  ),
});

export const adultSchema = z.object({
  civility: z.enum(["M", "MME"], { error: "Civilité : choisissez Madame ou Monsieur." }),
  lastName: nameField("Nom"),
  firstName: nameField("Prénom"),
  birthDate: adultBirthDateField("Date de naissance : un responsable légal a au moins 16 ans."),
  mobilePhone: phoneField("Téléphone portable"),
  // Optional: empty means none; anything else must be an address, with the field's own French message.
  email: z
    .string()
    .trim()
    .max(254, "E-mail : 254 caractères au maximum.")
    .refine((v) => v === "" || z.email().safeParse(v).success, {
      message: "E-mail : adresse invalide (exemple : prenom.nom@exemple.fr).",
    })
    .transform((v) => (v ? v.toLowerCase() : null)),
  relationship: optionalText("Lien avec les enfants", 60),
});

export const staffEmailSchema = z.object({ userId: entityId, email: emailField });

export type AddressData = z.output<typeof addressSchema>;
export type PhonesData = z.output<typeof phonesSchema>;
export type QuotientData = z.output<typeof quotientSchema>;
export type AdultData = z.output<typeof adultSchema>;
export type PreferencesData = z.output<typeof preferencesSchema>;

// ── Garde alternée (ADR 051): « Mon enfant est déjà inscrit par l'autre parent ».

export const childLinkRequestSchema = z.object({
  lastName: nameField("Nom de l'enfant"),
  firstName: nameField("Prénom de l'enfant"),
  birthDate: birthDateField({ maxYears: 18, tooOld: "Date de naissance : l'enfant doit avoir moins de 18 ans." }),
  otherParentName: trimmed("Nom de l'autre parent", 120).refine((v) => !/[<>]/.test(v), {
    message: "Nom de l'autre parent : caractères < et > non acceptés.",
  }),
});
export type ChildLinkRequestInput = z.input<typeof childLinkRequestSchema>;
export type ChildLinkRequestData = z.output<typeof childLinkRequestSchema>;

/** Staff: link a child to the other parent's foyer, or remove that link. */
export const childFoyerSchema = z.object({ childId: entityId, familyId: entityId });
/** Staff: validate a parent's CHILD_LINK request with the child they found. */
export const childLinkDecisionSchema = z.object({ id: entityId, childId: entityId });
/** Staff: the families a search names, to pick the second foyer. */
export const familySearchSchema = z.object({ query: z.string().trim().max(100) });
