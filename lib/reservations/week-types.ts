/**
 * The types de semaine of « Réservations sur période », in a module without zod: the period form (a client
 * component) lists them, and importing them from `schemas.ts` made the page download zod (≈ 88 kB gzip) with it.
 */
export const WEEK_TYPES = [
  { value: "ALL", label: "Toutes les semaines" },
  { value: "EVEN", label: "Semaines paires" },
  { value: "ODD", label: "Semaines impaires" },
] as const;
