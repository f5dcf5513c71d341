/** The custody calendar's words the staff's form needs too (no dependency: a client component imports it). */

/** The custody calendar's kinds, in the staff's words (ADR 051). */
export const CUSTODY_KIND_LABELS = {
  ALTERNATE_WEEKS: "Semaines alternées (paires / impaires)",
  WEEKDAYS: "Jours fixes de la semaine",
  DATES: "Dates choisies",
} as const;

export type CustodyKindChoice = keyof typeof CUSTODY_KIND_LABELS;

/** Lundi first, as the plan stores them. */
export const CUSTODY_WEEKDAYS = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"] as const;
