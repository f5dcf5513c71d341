import type { FieldSpec } from "@/components/form/schema-form";

/** Field lists shared by the parent's and the staff's forms of the family file. */
export const ADDRESS_FIELDS: FieldSpec[] = [
  { name: "street", label: "N° et nom de voie", required: true, autoComplete: "address-line1" },
  { name: "addressComplement", label: "Complément d'adresse", autoComplete: "address-line2" },
  { name: "postalCode", label: "Code postal", required: true, autoComplete: "postal-code", inputMode: "numeric" },
  { name: "city", label: "Ville", required: true, autoComplete: "address-level2" },
];

export const PHONES_FIELDS: FieldSpec[] = [
  { name: "homePhone", label: "Téléphone domicile", type: "tel" },
  { name: "mobilePhone", label: "Téléphone portable", type: "tel", required: true },
  { name: "workPhone", label: "Téléphone professionnel", type: "tel" },
];

export const QUOTIENT_FIELDS: FieldSpec[] = [
  {
    name: "quotientFamilial",
    label: "Quotient familial (€)",
    required: true,
    inputMode: "numeric",
    hint: "Indiqué sur votre attestation CAF ou MSA.",
  },
  { name: "cafNumber", label: "Numéro d'allocataire CAF", required: true, inputMode: "numeric" },
];

export const PREFERENCES_FIELDS: FieldSpec[] = [
  { name: "profession", label: "Profession" },
  { name: "employer", label: "Employeur" },
];

export const ADULT_FIELDS: FieldSpec[] = [
  {
    name: "civility",
    label: "Civilité",
    type: "radio",
    required: true,
    options: [
      { value: "MME", label: "Madame" },
      { value: "M", label: "Monsieur" },
    ],
  },
  { name: "lastName", label: "Nom", required: true },
  { name: "firstName", label: "Prénom", required: true },
  { name: "birthDate", label: "Date de naissance", type: "date", required: true, example: "14/05/1985" },
  { name: "mobilePhone", label: "Téléphone portable", type: "tel", required: true },
  { name: "email", label: "E-mail", type: "email", hint: "Facultatif" },
  { name: "relationship", label: "Lien avec les enfants", hint: "Exemple : père, mère, beau-père, tuteur" },
];

/** « Mon enfant est déjà inscrit par l'autre parent » (garde alternée): who the child is, and who the other parent is. */
export const CHILD_LINK_FIELDS: FieldSpec[] = [
  { name: "lastName", label: "Nom de l'enfant", required: true },
  { name: "firstName", label: "Prénom de l'enfant", required: true },
  { name: "birthDate", label: "Date de naissance de l'enfant", type: "date", required: true, example: "14/05/2018" },
  {
    name: "otherParentName",
    label: "Nom et prénom de l'autre parent",
    required: true,
    hint: "Celui ou celle qui a inscrit l'enfant sur le portail",
  },
];
