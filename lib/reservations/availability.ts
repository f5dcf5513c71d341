import { isBeforeDeadline } from "@/lib/calendar/deadlines";
import { parisDay } from "@/lib/calendar/paris";

import type { Blocked } from "./labels";
export { BLOCKED_LABELS, type Blocked } from "./labels";

/** Can a request for `day` still be made? null when it can. */
export function bookingBlocked(input: {
  day: string;
  isOpeningDay: boolean;
  inscription: { startDay: string; endDay: string };
  /** The last instant a request for that day is on time (deadlineFor the activity's booking deadline). */
  bookUntil: Date;
  now: Date;
  /** parisDay(now), when the caller has it already (a calendar asks for every cell). */
  today?: string;
}): Blocked | null {
  if (input.day < input.inscription.startDay || input.day > input.inscription.endDay) return "OUTSIDE";
  if (!input.isOpeningDay) return "CLOSED";
  if (input.day < (input.today ?? parisDay(input.now))) return "PAST";
  if (input.now.getTime() > input.bookUntil.getTime()) return "DEADLINE";
  return null;
}

/** A cancellation asked now: excused (in time) or probably billed (after the deadline). */
export const cancellationInTime = (cancellationDeadline: string, day: string, now: Date) =>
  isBeforeDeadline(cancellationDeadline, day, now);
