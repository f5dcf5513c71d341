import { isBeforeDeadline } from "@/lib/calendar/deadlines";
import { parisDay } from "@/lib/calendar/paris";

/** Why a free cell cannot be asked (SPEC.md §2 « Réservation non disponible »), in the parent's words. */
export type Blocked = "CLOSED" | "OUTSIDE" | "PAST" | "DEADLINE";

export const BLOCKED_LABELS: Readonly<Record<Blocked, string>> = {
  CLOSED: "Jour fermé",
  OUTSIDE: "Hors inscription",
  PAST: "Jour passé",
  DEADLINE: "Délai dépassé",
};

/** Can a request for `day` still be made? null when it can. */
export function bookingBlocked(input: {
  day: string;
  isOpeningDay: boolean;
  inscription: { startDay: string; endDay: string };
  bookingDeadline: string;
  now: Date;
}): Blocked | null {
  if (input.day < input.inscription.startDay || input.day > input.inscription.endDay) return "OUTSIDE";
  if (!input.isOpeningDay) return "CLOSED";
  if (input.day < parisDay(input.now)) return "PAST";
  if (!isBeforeDeadline(input.bookingDeadline, input.day, input.now)) return "DEADLINE";
  return null;
}

/** A cancellation asked now: excused (in time) or probably billed (after the deadline). */
export const cancellationInTime = (cancellationDeadline: string, day: string, now: Date) => isBeforeDeadline(cancellationDeadline, day, now);
