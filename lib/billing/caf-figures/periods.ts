import { isMonth, lastOf } from "@/lib/calendar/paris";
import { formatMonth } from "@/lib/format";

/** A period of the CAF's figures: a month (« 2026-11 ») or a calendar year (« 2026 »). */
export function cafPeriod(value: string | undefined): { from: string; to: string; label: string; key: string } | null {
  if (!value) return null;
  if (isMonth(value)) return { from: `${value}-01`, to: lastOf(value), label: formatMonth(value), key: value };
  if (/^\d{4}$/.test(value) && Number(value) >= 2000 && Number(value) <= 2100)
    return { from: `${value}-01-01`, to: `${value}-12-31`, label: `année ${value}`, key: value };
  return null;
}

/** Whole years reached on `day` by a child born on `birthDay` (both « YYYY-MM-DD »): 6 from the sixth birthday on. */
export function ageOn(birthDay: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDay.slice(0, 4));
  return day.slice(5) >= birthDay.slice(5) ? years : years - 1;
}

/** « 3,5 » → as the CAF's forms write hours: decimal, a comma, two digits at most (minutes → hours). */
export const decimalHours = (minutes: number) => (Math.round((minutes / 60) * 100) / 100).toFixed(2).replace(".", ",");

/** The CAF's families of accueil for a care type (ADR 057): the mercredis are périscolaire since the 2018 Plan mercredi. */
export const CAF_CATEGORIES = {
  PERISCOLAIRE: "Périscolaire",
  ALSH_MERCREDIS: "Périscolaire (mercredi)",
  ALSH_VACANCES: "Extrascolaire",
  SEJOURS: "Extrascolaire (séjour)",
  RESTAURATION_SCOLAIRE: "Pause méridienne",
  PETITE_ENFANCE: "Petite enfance (hors ALSH)",
} as const;
