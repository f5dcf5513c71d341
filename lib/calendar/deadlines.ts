/**
 * Booking and cancellation deadlines, as the structures write them (seeds):
 *   « J-2 10:00 »                 two days before the day, at 10:00 (Paris time)
 *   « MERCREDI_PRECEDENT 23:59 »  the Wednesday before the day, before midnight
 * Written by staff in the activity settings, evaluated in Europe/Paris, so that
 * « 10:00 » stays 10:00 across the daylight-saving change.
 */
import { formatClock } from "@/lib/format";
import { addDays, parisInstant, weekdayOf } from "./paris";
import { DEADLINE_WEEKDAYS as WEEKDAYS } from "./deadline-parts";

export type Deadline = { kind: "DAYS_BEFORE"; days: number; time: string } | { kind: "WEEKDAY_BEFORE"; weekday: number; time: string };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function parseDeadline(expression: string): Deadline | null {
  const [head, time, ...rest] = expression.trim().toUpperCase().split(/\s+/);
  if (rest.length > 0 || !time || !TIME.test(time)) return null;
  const days = /^J-(\d{1,2})$/.exec(head ?? "");
  if (days) return { kind: "DAYS_BEFORE", days: Number(days[1]), time };
  const weekday = /^([A-Z]+)_PRECEDENT$/.exec(head ?? "");
  if (weekday) {
    const index = WEEKDAYS.indexOf(weekday[1] as (typeof WEEKDAYS)[number]);
    if (index >= 0) return { kind: "WEEKDAY_BEFORE", weekday: index, time };
  }
  return null;
}

/**
 * The whole minute written is on time (ADR 039): « 23:59 » (« avant minuit », shown « 23 h 59 ») holds until
 * 23:59:59.999, and the next day's 00:00:00 is late. A parent reading « 23 h 59 » on the clock is still on time.
 */
const LAST_MS_OF_THE_MINUTE = 59_999;

/** The last instant at which a request for `day` ("YYYY-MM-DD") is still on time: the end of the deadline's minute, Paris time. */
export function deadlineFor(deadline: Deadline, day: string): Date {
  return new Date(parisInstant(deadlineDay(deadline, day), deadline.time).getTime() + LAST_MS_OF_THE_MINUTE);
}

function deadlineDay(deadline: Deadline, day: string): string {
  if (deadline.kind === "DAYS_BEFORE") return addDays(day, -deadline.days);
  // The same weekday as the day itself means the one a week before.
  let back = (weekdayOf(day) - deadline.weekday + 7) % 7;
  if (back === 0) back = 7;
  return addDays(day, -back);
}

export function isBeforeDeadline(expression: string, day: string, now: Date): boolean {
  const deadline = parseDeadline(expression);
  if (!deadline) throw new Error(`Délai invalide : ${expression}`);
  return now.getTime() <= deadlineFor(deadline, day).getTime();
}

export function describeDeadline(expression: string): string {
  const deadline = parseDeadline(expression);
  if (!deadline) return expression;
  // « jusqu'à »: the minute written is on time (ADR 039), so « avant 10 h » would say one minute too little.
  const time = deadline.time === "23:59" ? `jusqu'à ${formatClock("23:59")} (avant minuit)` : `jusqu'à ${formatClock(deadline.time)}`;
  if (deadline.kind === "DAYS_BEFORE")
    return deadline.days === 0 ? `le jour même ${time}` : `${deadline.days} jour${deadline.days > 1 ? "s" : ""} avant, ${time}`;
  return `le ${WEEKDAYS[deadline.weekday].toLowerCase()} précédent ${time}`;
}
