import "server-only";
/**
 * Reads of a shared child's custody calendar (garde alternée, ADR 051): the staff's editor (the plan, the two foyers by
 * name) and the parent's « Calendrier de garde » (the coming weeks, each day « chez vous » or « chez l'autre parent » —
 * never the other foyer's name or details).
 */
import { assertFamilyInScope, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { addDays, dayOf, isoWeek, parisDay, weekdayOf } from "@/lib/calendar/paris";
import { custodyOn } from "./custody";
import type { CustodyPlanInput } from "./custody-plan-schema";
import { familyChildWhere, readCustodyCalendars } from "./foyers";

/** The staff's editor: the child, its two foyers (first = Child.familyId), and the plan as the form edits it. */
export async function getCustodyPlanForStaff(input: { familyId: string; childId: string; scope: StaffScope }) {
  await assertFamilyInScope(db, input.scope, input.familyId);
  const child = await db.child.findFirst({
    where: { id: input.childId, ...familyChildWhere(input.familyId) },
    select: {
      id: true,
      firstName: true,
      lastName: true,
      family: { select: { id: true, name: true } },
      foyers: { select: { family: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" }, take: 1 },
      custodyPlan: {
        select: { kind: true, evenWeeksFamilyId: true, weekdayFamilyIds: true, defaultFamilyId: true, firstFoyerSharePercent: true },
      },
      custodyDays: { select: { date: true, familyId: true }, orderBy: { date: "asc" } },
    },
  });
  if (!child) return null;
  const second = child.foyers[0]?.family ?? null;
  const plan: CustodyPlanInput | null = child.custodyPlan
    ? {
        childId: child.id,
        kind: child.custodyPlan.kind,
        evenWeeksFamilyId: child.custodyPlan.evenWeeksFamilyId,
        weekdayFamilyIds: child.custodyPlan.weekdayFamilyIds,
        defaultFamilyId: child.custodyPlan.defaultFamilyId,
        days: child.custodyDays.map((d) => ({ day: dayOf(d.date), familyId: d.familyId })),
        firstFoyerSharePercent: child.custodyPlan.firstFoyerSharePercent,
      }
    : null;
  return {
    child: { id: child.id, firstName: child.firstName, lastName: child.lastName },
    foyers: [
      { id: child.family.id, name: child.family.name, order: "Premier foyer" as const },
      ...(second ? [{ id: second.id, name: second.name, order: "Second foyer" as const }] : []),
    ],
    plan,
  };
}

export type StaffCustodyPlan = NonNullable<Awaited<ReturnType<typeof getCustodyPlanForStaff>>>;

/** How many weeks the parent's « Calendrier de garde » shows, from this week's Monday. */
export const CUSTODY_WEEKS_SHOWN = 8;

export interface ParentCustodyWeek {
  /** Monday, "YYYY-MM-DD". */
  monday: string;
  week: number;
  days: { day: string; atHome: boolean }[];
}

/**
 * « Calendrier de garde » of a child the parent's family reaches: null for a child it does not reach. `shared` false:
 * the child has one foyer (every day is « chez vous »; the page says there is no custody calendar).
 */
export async function getCustodyCalendarForParent(input: { familyId: string; childId: string; now?: Date; weeks?: number }) {
  const child = await db.child.findFirst({
    where: { id: input.childId, ...familyChildWhere(input.familyId) },
    select: { id: true, firstName: true, custodyPlan: { select: { kind: true } } },
  });
  if (!child) return null;
  const today = parisDay(input.now ?? new Date());
  const monday = addDays(today, -((weekdayOf(today) + 6) % 7));
  const weeks = input.weeks ?? CUSTODY_WEEKS_SHOWN;
  const last = addDays(monday, weeks * 7 - 1);
  const calendar = (await readCustodyCalendars([child.id], { from: monday, to: last })).get(child.id)!;
  const shared = calendar.secondFamilyId !== null;
  return {
    child: { id: child.id, firstName: child.firstName },
    shared,
    hasPlan: child.custodyPlan !== null,
    today,
    weeks: Array.from({ length: weeks }, (_, w): ParentCustodyWeek => {
      const start = addDays(monday, w * 7);
      return {
        monday: start,
        week: isoWeek(start),
        days: Array.from({ length: 7 }, (_, d) => {
          const day = addDays(start, d);
          return { day, atHome: custodyOn(calendar, day) === input.familyId };
        }),
      };
    }),
  };
}
