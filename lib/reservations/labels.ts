/** The calendar's words that the screen needs too (no dependency: the page's script imports it). */

/**
 * Why a free cell cannot be asked (SPEC.md §2 « Réservation non disponible »), in the parent's words. OTHER_FOYER: a
 * shared child's day of the other foyer (garde alternée, ADR 051) — said without detail, neither what the other foyer
 * booked nor its price.
 */
export type Blocked = "CLOSED" | "OUTSIDE" | "PAST" | "DEADLINE" | "OTHER_FOYER";

export const BLOCKED_LABELS: Readonly<Record<Blocked, string>> = {
  CLOSED: "Jour fermé",
  OUTSIDE: "Hors inscription",
  PAST: "Jour passé",
  DEADLINE: "Délai dépassé",
  OTHER_FOYER: "Chez l'autre parent",
};
