/**
 * What a date typed in the portal may be, for what it means: each range is counted from today (the
 * day of the `now` the caller passes, in Europe/Paris), never from a year written in the code, so it
 * holds next year as this one. One place: the forms' zod fields, the pages' URL filters and the domain
 * read these (docs/decisions/018-dates-and-clock.md). No zod here: client components use it too.
 */
import { frenchDateToIso } from "./french-dates";

/** Years and days from today; negative is in the past. */
export interface DayOffset {
  years?: number;
  days?: number;
}

export interface DayRange {
  from: DayOffset;
  to: DayOffset;
  /** What follows « Label : » when the day is before `from` / after `to`; by default the two bounds are said. */
  tooEarly?: string;
  tooLate?: string;
}

/** "YYYY-MM-DD" moved by whole years (29 February → 28 February) then days. */
export function shiftDay(day: string, offset: DayOffset): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const year = y + (offset.years ?? 0);
  const dayOfMonth = m === 2 && d === 29 && !isLeap(year) ? 28 : d;
  const at = new Date(0);
  at.setUTCFullYear(year, m - 1, dayOfMonth + (offset.days ?? 0));
  return at.toISOString().slice(0, 10);
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The ranges, by meaning (docs/decisions/018-dates-and-clock.md). A structure plans its periods, closures
 * and days at most a few school years ahead; what happened is corrected within a year; money received
 * is never in the future; a filter looks back as far as accounts are kept (ten years).
 */
export const DAY_RANGES = {
  /** The start of a period, a closure or holidays, an exceptional day, a capacity override, an inscription's or a booking's dates. */
  planning: { from: { years: -1 }, to: { years: 3 } },
  /** The end of a period: not already over (addPeriod says so too), at most three years ahead. */
  periodEnd: { from: {}, to: { years: 3 }, tooEarly: "cette période est déjà terminée." },
  /** When inscriptions open (date and time). */
  opening: { from: { years: -1 }, to: { years: 2 } },
  /** A child present without a booking: a day of the last year, not of the future. */
  walkIn: { from: { years: -1 }, to: {}, tooLate: "le pointage se fait le jour même ou après." },
  /** « Payer avant » of invoices being sent: from today, at most a year ahead. */
  dueDate: { from: {}, to: { years: 1 }, tooEarly: "la date est déjà passée." },
  /** A payment received at the desk: within the last year, never in the future. */
  received: { from: { years: -1 }, to: {}, tooLate: "elle ne peut pas être dans le futur." },
  /** Filters of lists and exports (from the URL: out of range means no filter, never a message). */
  filter: { from: { years: -10 }, to: { years: 3 } },
} satisfies Record<string, DayRange>;

const french = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The first and last days of a range, from today ("YYYY-MM-DD", Paris). */
export function dayBounds(range: DayRange, today: string): { min: string; max: string } {
  return { min: shiftDay(today, range.from), max: shiftDay(today, range.to) };
}

/** « Label : … » when `day` is outside the range counted from `today`, else null. */
export function dayRangeMessage(label: string, day: string, range: DayRange, today: string): string | null {
  const { min, max } = dayBounds(range, today);
  if (day >= min && day <= max) return null;
  const told = day < min ? range.tooEarly : range.tooLate;
  return `${label} : ${told ?? `une date du ${french(min)} au ${french(max)}.`}`;
}

/** A month "YYYY-MM" within a range counted from today (a URL's ?mois=): out of range is no month. */
export function monthInRange(month: string, range: DayRange, today: string): boolean {
  const { min, max } = dayBounds(range, today);
  return month >= min.slice(0, 7) && month <= max.slice(0, 7);
}

/**
 * A day filter read from a URL (« jj/mm/aaaa » or ISO): the day, or undefined when it is not a day or
 * is out of DAY_RANGES.filter — an unusable filter narrows nothing, and URL text is never shown back.
 */
export function filterDay(value: string | undefined, today: string): string | undefined {
  const day = value ? frenchDateToIso(value) : null;
  return day && !dayRangeMessage("", day, DAY_RANGES.filter, today) ? day : undefined;
}
