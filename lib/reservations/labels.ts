/** The calendar's words that the screen needs too (no dependency: the page's script imports it). */

/** Why a free cell cannot be asked (SPEC.md §2 « Réservation non disponible »), in the parent's words. */
export type Blocked = "CLOSED" | "OUTSIDE" | "PAST" | "DEADLINE";

export const BLOCKED_LABELS: Readonly<Record<Blocked, string>> = {
  CLOSED: "Jour fermé",
  OUTSIDE: "Hors inscription",
  PAST: "Jour passé",
  DEADLINE: "Délai dépassé",
};
