/** Dates and times typed the French way (no zod: client components use these too). */

/**
 * A day typed the French way, « jj/mm/aaaa » (« 6/5/2026 », « 06.05.2026 »
 * and the ISO « 2026-05-06 » are read too) → "YYYY-MM-DD" for the domain.
 */
export function frenchDateToIso(value: string): string | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const fr = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2].padStart(2, "0"), fr[1].padStart(2, "0")] : [];
  // A year the portal can hold (PostgreSQL refuses year 0; no child nor booking before 1900).
  if (!y || Number(y) < 1900) return null;
  const result = `${y}-${m}-${d}`;
  const parsed = new Date(`${result}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(result) ? result : null;
}

/** « 8:30 », « 08:30 », « 8h30 », « 8 h 30 » → "08:30"; null when it is not a time of day. */
export function frenchTimeToIso(value: string): string | null {
  const m = /^(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?$/i.exec(value.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2] ?? "0")];
  return h < 24 && min < 60 ? `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}` : null;
}

/** A day and a time, « jj/mm/aaaa hh:mm » (or ISO « 2026-05-06T08:30 ») → "YYYY-MM-DDTHH:MM". */
export function frenchDateTimeToIso(value: string): string | null {
  const text = value.trim().replace(/\s+à\s+/, " ");
  const iso = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(text);
  const [datePart, timePart] = iso ? [iso[1], iso[2]] : [text.split(/\s+/)[0] ?? "", text.split(/\s+/).slice(1).join(" ")];
  const day = frenchDateToIso(datePart);
  const time = frenchTimeToIso(timePart);
  return day && time ? `${day}T${time}` : null;
}
