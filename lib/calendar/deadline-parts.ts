/**
 * A deadline as staff choose it in the activity form (« 2 jours avant, 10 h 00 »,
 * « le mercredi précédent, 23 h 59 ») and as it is stored (« J-2 10:00 »,
 * « MERCREDI_PRECEDENT 23:59 »). No dependency: the form's page loads it.
 */
import { frenchTimeToIso } from "@/lib/forms/french-dates";

export const DEADLINE_WEEKDAYS = ["DIMANCHE", "LUNDI", "MARDI", "MERCREDI", "JEUDI", "VENDREDI", "SAMEDI"] as const;

export type DeadlineParts =
  | { kind: "DAYS_BEFORE"; days: string; time: string }
  | { kind: "WEEKDAY_BEFORE"; weekday: (typeof DEADLINE_WEEKDAYS)[number]; time: string };

/** The stored expression of what the form says (it may be invalid: the schema says why). */
export function composeDeadline(parts: DeadlineParts): string {
  const time = frenchTimeToIso(parts.time) ?? parts.time.trim();
  return parts.kind === "DAYS_BEFORE" ? `J-${parts.days.trim()} ${time}` : `${parts.weekday}_PRECEDENT ${time}`;
}

export function deadlineParts(expression: string): DeadlineParts {
  const [head = "", time = ""] = expression.trim().toUpperCase().split(/\s+/);
  const weekday = /^([A-Z]+)_PRECEDENT$/.exec(head)?.[1];
  if (weekday && isWeekday(weekday)) return { kind: "WEEKDAY_BEFORE", weekday, time };
  return { kind: "DAYS_BEFORE", days: /^J-(\d+)$/.exec(head)?.[1] ?? "2", time: time || "10:00" };
}

function isWeekday(value: string): value is (typeof DEADLINE_WEEKDAYS)[number] {
  return (DEADLINE_WEEKDAYS as readonly string[]).includes(value);
}
