import { z } from "zod";
import { entityId, optionalPhoneField, optionalText } from "@/lib/forms/fields";
import { isValidSiret, siretDigits } from "./siret";

/** « Générer et publier les attestations » of a lieu for a year (the year is checked again against today by the domain). */
export const taxCertificatesSchema = z.object({
  structureId: entityId,
  year: z
    .string({ error: "Année : choisissez dans la liste." })
    .trim()
    .regex(/^\d{4}$/, "Année : choisissez dans la liste.")
    .transform(Number),
});

/** « Identité » of a lieu (printed on attestations fiscales and mandats): name, address, e-mail, phone, SIRET. */
export const structureIdentitySchema = z.object({
  structureId: entityId,
  name: z
    .string({ error: "Nom du lieu d'accueil : champ obligatoire." })
    .trim()
    .min(1, "Nom du lieu d'accueil : champ obligatoire.")
    .max(120, "Nom du lieu d'accueil : 120 caractères au maximum.")
    .refine((v) => !/[<>]/.test(v), { message: "Nom du lieu d'accueil : les caractères < et > ne sont pas acceptés." }),
  street: optionalText("Adresse", 120),
  postalCode: z
    .string()
    .trim()
    .refine((v) => v === "" || /^\d{5}$/.test(v), { message: "Code postal : 5 chiffres." })
    .optional()
    .transform((v) => v || null),
  city: optionalText("Ville", 80),
  email: z
    .string()
    .trim()
    .max(254, "E-mail : 254 caractères au maximum.")
    .refine((v) => v === "" || z.email().safeParse(v).success, { message: "E-mail : adresse invalide (exemple : accueil@mairie.fr)." })
    .optional()
    .transform((v) => (v ? v.toLowerCase() : null)),
  phone: optionalPhoneField("Téléphone").transform((v) => v ?? null),
  siret: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? siretDigits(v) : null))
    .refine((v) => v === null || /^\d{14}$/.test(v), { message: "SIRET : 14 chiffres (exemple : 123 456 789 00012)." })
    .refine((v) => v === null || !/^\d{14}$/.test(v) || isValidSiret(v), {
      message: "SIRET : ce numéro n'existe pas (clé de contrôle fausse) ; vérifiez-le sur votre avis de situation INSEE.",
    }),
});

export type StructureIdentityData = z.output<typeof structureIdentitySchema>;
