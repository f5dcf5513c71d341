import { TZDate } from "@date-fns/tz";

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

export function addDays(day: string, days: number): string {
  return dayOf(new Date(dateOf(day).getTime() + days * 86_400_000));
}

/** 0 = dimanche … 6 = samedi. */
export const weekdayOf = (day: string) => dateOf(day).getUTCDay();

/** Months "YYYY-MM": the month of a day, its first and last days, the next and previous ones. */
export const monthOf = (day: string) => day.slice(0, 7);
export const firstOf = (month: string) => `${month}-01`;
export const lastOf = (month: string) => addDays(`${nextMonth(month)}-01`, -1);
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
export function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}
export const isMonth = (value: string | undefined): value is string => !!value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
