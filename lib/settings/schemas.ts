import { z } from "zod";
import { emailField, optionalText, trimmed } from "@/lib/forms/fields";
import { contrastRatio, HEX_COLOUR } from "./colour";
import { PRODUCT_NAME } from "./product-name";

export const identitySchema = z.object({
  /** Empty (or absent, from an older form) is the default name. */
  productName: optionalText("Nom du portail", 60)
    .optional()
    .transform((v) => v || PRODUCT_NAME),
  name: trimmed("Nom de la structure", 120).refine((v) => !/[<>]/.test(v), {
    message: "Nom de la structure : les caractères < et > ne sont pas acceptés.",
  }),
  primaryColor: z
    .string({ error: "Couleur principale : champ obligatoire." })
    .trim()
    .regex(HEX_COLOUR, "Couleur principale : au format #rrvvbb, par exemple #1e40af.")
    .refine((v) => contrastRatio(v, "#ffffff") >= 4.5, {
      message:
        "Couleur principale : trop claire, le texte blanc ne serait pas lisible (contraste d'au moins 4,5:1 requis). Choisissez une teinte plus foncée.",
    }),
  address: trimmed("Adresse", 300).refine((v) => !/[<>]/.test(v), { message: "Adresse : les caractères < et > ne sont pas acceptés." }),
  phone: trimmed("Téléphone", 30),
  email: emailField,
  openingHours: optionalText("Horaires d'ouverture", 300).transform((v) => v ?? ""),
});

export const PAGE_SLUGS = ["MENTIONS_LEGALES", "DONNEES_PERSONNELLES", "ACCESSIBILITE", "CONTACT"] as const;

export const informationPageSchema = z.object({
  slug: z.enum(PAGE_SLUGS),
  title: trimmed("Titre", 120),
  body: trimmed("Texte", 20_000),
});
