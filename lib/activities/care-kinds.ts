/** Types d'accueil, as the seeds name them (no zod: forms load this with their page). */
export const CARE_KINDS = {
  PERISCOLAIRE: "Périscolaire",
  ALSH_MERCREDIS: "ALSH mercredis",
  ALSH_VACANCES: "ALSH vacances",
  SEJOURS: "Séjours",
  RESTAURATION_SCOLAIRE: "Restauration scolaire",
  PETITE_ENFANCE: "Petite enfance",
} as const;
