/** French formats, always in Europe/Paris. */
const dateFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit",
});
const euro = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

export const formatDate = (date: Date) => dateFormat.format(date);
export const formatDateTime = (date: Date) => dateTimeFormat.format(date).replace(" ", " à ");
const timeFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" });
/** « 14:05 » in Paris. */
export const formatTime = (date: Date) => timeFormat.format(date);
/** A calendar date stored as UTC midnight (@db.Date). */
export const formatCalendarDate = (date: Date) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" }).format(date);
export const formatCents = (cents: number) => euro.format(cents / 100);
