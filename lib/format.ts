/** French formats, always in Europe/Paris. */
const dateFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric" });
const euro = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

export const formatDate = (date: Date) => dateFormat.format(date);
const clockFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
/**
 * The one way a time is written, in pages, e-mails and PDFs: « 7 h 30 », « 23 h 59 », « 17 h » (French style, no
 * leading zero, non-breaking spaces so that it never splits across two lines). Takes an instant (read in Paris) or a
 * stored "HH:MM" (a unit's hours, a deadline's time).
 */
export function formatClock(time: Date | string): string {
  const hhmm = typeof time === "string" ? time : clockFormat.format(time);
  const match = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!match) return hhmm;
  const hours = Number(match[1]);
  return match[2] === "00" ? `${hours}\u00a0h` : `${hours}\u00a0h\u00a0${match[2]}`;
}
/** « 14 h 05 » in Paris. */
export const formatTime = (date: Date) => formatClock(date);
/** « 06/05/2026 à 14 h 05 » in Paris. */
export const formatDateTime = (date: Date) => `${dateFormat.format(date)} à ${formatClock(date)}`;
/** « 8 h 30 – 12 h » for a unit's hours ("08:30", "12:00"). */
export const formatHours = (start: string, end: string) => `${formatClock(start)}\u00a0–\u00a0${formatClock(end)}`;
/** A calendar date stored as UTC midnight (@db.Date). */
export const formatCalendarDate = (date: Date) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" }).format(date);
/** « 06/05 »: a calendar date where the year goes without saying (lists of days, seed 004's e-mails). */
export const formatDayMonth = (date: Date) => formatCalendarDate(date).slice(0, 5);
export const formatCents = (cents: number) => euro.format(cents / 100);

const longDate = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });
/** « mercredi 6 mai 2026 » for a calendar date (UTC midnight, @db.Date) or an ISO day "2026-05-06". */
export const formatLongDate = (date: Date | string) => longDate.format(typeof date === "string" ? new Date(`${date}T00:00:00Z`) : date);
/** "2018-05-14" → « 14/05/2018 » (what a date field shows and accepts). */
export const isoToFrench = (iso: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
/** "2026-05-06T08:30" → « 06/05/2026 08:30 ». */
export const isoLocalToFrench = (value: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? `${isoToFrench(value.slice(0, 10))} ${value.slice(11, 16)}` : value;

/**
 * The form that agrees with a number, French rule (0 and 1 take the singular): « elle passe » / « elles passent »
 * after « 1 facture » / « 3 factures ».
 */
export const plural = (n: number, singular: string, pluralForm = `${singular}s`) => (n === 1 || n === 0 ? singular : pluralForm);
/** « 1 réservation », « 3 réservations » — never « réservation(s) ». */
export const count = (n: number, singular: string, pluralForm = `${singular}s`) => `${n} ${plural(n, singular, pluralForm)}`;
/** The word that agrees with a person's sex (F / M, or MME / M). */
export const agree = (sex: "F" | "M" | "MME", masculine: string, feminine: string) => (sex === "F" || sex === "MME" ? feminine : masculine);
/** « de Léa », « d'Inès » — the elision before a vowel. */
export const deName = (name: string) => (/^[aeiouyàâäéèêëîïôöûüœæ]/i.test(name) ? `d'${name}` : `de ${name}`);
/** « 9 h 30 », « 17 h » never split across two lines (non-breaking spaces around « h »). */
export const keepHoursTogether = (text: string) =>
  text.replace(/(\d) h(?: (\d{2}))?/g, (_m, h: string, min?: string) => (min ? `${h}\u00a0h\u00a0${min}` : `${h}\u00a0h`));
const shortDay = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
/** « mer. 6 janv. » for an ISO day, where a calendar row has little room. */
export const formatShortDay = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));
const monthTitle = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });
/** « janvier 2027 » for "2027-01". */
export const formatMonth = (month: string) => monthTitle.format(new Date(`${month}-01T00:00:00Z`));
/**
 * « de janvier 2027 », « d'octobre 2027 », « d'avril », « d'août »: the one way to write « of the month » (« Le mois
 * d'octobre 2027 », « Factures d'avril 2027 ») — never « de » + formatMonth by hand.
 */
export const deMonth = (month: string) => deName(formatMonth(month));
