import { TZDate } from "@date-fns/tz";
import { getDaysInMonth, getISOWeek } from "date-fns";

export const PARIS = "Europe/Paris";

/** The instant of a wall-clock time in Paris on a calendar day ("YYYY-MM-DD", "HH:MM"). DST-aware. */
export function parisInstant(day: string, time: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, PARIS).getTime());
}

/** The calendar day in Paris of an instant, as "YYYY-MM-DD". */
export function parisDay(instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: PARIS }).format(instant);
}

/** A calendar date stored as UTC midnight (@db.Date) ↔ "YYYY-MM-DD". */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10);
export const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);

/** The first and last days the portal can hold: past them `toISOString` writes a 6-digit year (« +010000-01-01 ») that sorts as text before « 9999 ». */
const FIRST_DAY = "0001-01-01";
const LAST_DAY = "9999-12-31";

/** A day moved by `days`; a RangeError rather than a day past year 9999 (or before year 1), which text comparisons would misplace. */
export function addDays(day: string, days: number): string {
  const result = new Date(dateOf(day).getTime() + days * 86_400_000);
  if (Number.isNaN(result.getTime())) throw new RangeError(`Jour invalide : ${day}`);
  const moved = dayOf(result);
  if (moved.length !== 10 || moved < FIRST_DAY || moved > LAST_DAY)
    throw new RangeError(`Jour hors du calendrier : ${day} + ${days} jours`);
  return moved;
}

/** Whole days from `from` to `to` (negative when `to` is before). */
export const daysBetween = (from: string, to: string) => Math.round((dateOf(to).getTime() - dateOf(from).getTime()) / 86_400_000);

/**
 * The most days any loop over calendar days walks: ten years. Every form bounds its dates far below
 * (lib/forms/date-ranges.ts); this is the fuse behind them.
 */
export const MAX_DAYS = 3_660;

/**
 * Every day from `from` to `to` included (none when `to` is before `from`). Bounded by construction:
 * the count is known before the first step, more than MAX_DAYS is a RangeError (a technical error: a
 * range check is missing upstream), never a loop that does not end.
 */
export function eachDay(from: string, to: string): string[] {
  const span = daysBetween(from, to) + 1;
  if (!Number.isFinite(span)) throw new RangeError(`Jours invalides : ${from} → ${to}`);
  if (span > MAX_DAYS) throw new RangeError(`Trop de jours (${span}, ${MAX_DAYS} au plus) : ${from} → ${to}`);
  return Array.from({ length: Math.max(0, span) }, (_, i) => addDays(from, i));
}

/** ISO 8601 week number of a day (weeks start on Monday; week 1 holds the first Thursday): « semaines paires / impaires ». */
export function isoWeek(day: string): number {
  // Read in UTC: a calendar day is stored as UTC midnight, whatever the server's time zone.
  return getISOWeek(new TZDate(dateOf(day).getTime(), "UTC"));
}

/** 0 = dimanche … 6 = samedi. */
export const weekdayOf = (day: string) => dateOf(day).getUTCDay();

/** Months "YYYY-MM": the month of a day, its first and last days, the next and previous ones. */
export const monthOf = (day: string) => day.slice(0, 7);
export const firstOf = (month: string) => `${month}-01`;
export function lastOf(month: string): string {
  const first = dateOf(firstOf(month));
  if (Number.isNaN(first.getTime())) throw new RangeError(`Mois invalide : ${month}`);
  // Read in UTC: a calendar day is stored as UTC midnight, whatever the server's time zone.
  return `${month}-${String(getDaysInMonth(new TZDate(first.getTime(), "UTC"))).padStart(2, "0")}`;
}
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}
export const isMonth = (value: string | undefined): value is string => !!value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
