/**
 * Garde alternée (issue 26, ADR 051): which foyer has a shared child on a given day. Pure, so the calendar, the
 * booking gate, billing and the parent's « Calendrier de garde » all read the same answer.
 *
 * A child of one foyer has no plan: every day is that foyer's (`custodyOn` returns the first foyer). A shared child
 * has a plan; its CustodyDay rows override the rule for their dates, whatever the kind.
 */
import { isoWeek, weekdayOf } from "@/lib/calendar/paris";

export type CustodyKind = "ALTERNATE_WEEKS" | "WEEKDAYS" | "DATES";

export interface CustodyRule {
  kind: CustodyKind;
  /** ALTERNATE_WEEKS: the foyer of the even ISO weeks. */
  evenWeeksFamilyId: string | null;
  /** WEEKDAYS: the foyer of each ISO weekday, Monday first (7 ids). */
  weekdayFamilyIds: readonly string[];
  /** DATES, and any day the rule does not give. */
  defaultFamilyId: string;
}

export interface CustodyCalendar {
  /** The child's first foyer (Child.familyId). */
  firstFamilyId: string;
  /** The second foyer, if the child has one (ChildFoyer). */
  secondFamilyId: string | null;
  /** null: no plan (one foyer, or two foyers not yet told apart: the first has every day). */
  rule: CustodyRule | null;
  /** Chosen days and exceptions: "YYYY-MM-DD" → foyer. */
  days: ReadonlyMap<string, string>;
}

/** The other foyer of a two-foyer child (the first one when `familyId` is the second, and the reverse). */
export function otherFoyer(calendar: Pick<CustodyCalendar, "firstFamilyId" | "secondFamilyId">, familyId: string): string | null {
  if (!calendar.secondFamilyId) return null;
  return familyId === calendar.firstFamilyId ? calendar.secondFamilyId : calendar.firstFamilyId;
}

/** The foyer that has the child on `day` ("YYYY-MM-DD"). */
export function custodyOn(calendar: CustodyCalendar, day: string): string {
  const chosen = calendar.days.get(day);
  if (chosen) return chosen;
  const rule = calendar.rule;
  if (!rule || !calendar.secondFamilyId) return calendar.firstFamilyId;
  switch (rule.kind) {
    case "ALTERNATE_WEEKS": {
      const even = rule.evenWeeksFamilyId ?? calendar.firstFamilyId;
      return isoWeek(day) % 2 === 0 ? even : (otherFoyer(calendar, even) ?? even);
    }
    case "WEEKDAYS": {
      // weekdayOf: 0 = dimanche; the plan is Monday first.
      const index = (weekdayOf(day) + 6) % 7;
      return rule.weekdayFamilyIds[index] ?? rule.defaultFamilyId;
    }
    case "DATES":
      return rule.defaultFamilyId;
  }
}

/** Whether `familyId` has the child on `day`: the booking gate (a foyer books and cancels only its own days). */
export const hasCustody = (calendar: CustodyCalendar, familyId: string, day: string) => custodyOn(calendar, day) === familyId;
