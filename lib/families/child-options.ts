/** The child form's fixed lists, without zod (the form's page loads them with itself). */
export const MEAL_TYPES = {
  STANDARD: "Repas standard",
  SANS_PORC: "Sans porc",
  SANS_VIANDE: "Sans viande",
  VEGETARIEN: "Végétarien",
  PANIER_REPAS: "Panier repas (PAI)",
} as const;

/** The steps of seed 004's « Ajouter un enfant », then a review before saving. */
export const CHILD_STEPS = [
  { key: "identity", title: "Informations personnelles" },
  { key: "health", title: "Santé et CAF" },
  { key: "contacts", title: "Personnes autorisées" },
  { key: "consents", title: "Autorisations" },
] as const;
