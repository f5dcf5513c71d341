import "server-only";
/**
 * A child in two foyers (garde alternée, ADR 051): the one place that says which children and inscriptions a family
 * reaches. A child belongs to its first foyer (Child.familyId) and to any foyer linked by staff (ChildFoyer).
 *
 * Every read or action a parent makes on a child, or on an inscription through its child, filters with these, so a
 * shared child is reachable by both foyers and by no one else. What is a foyer's own (address, phones, quotient,
 * invoices, documents, messages, payments) stays filtered on the family's own id, as before.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { dayOf } from "@/lib/calendar/paris";
import type { CustodyCalendar } from "./custody";

/** Children the family reaches: its own, and those of another foyer linked to it. */
export function familyChildWhere(familyId: string): Prisma.ChildWhereInput {
  return { OR: [{ familyId }, { foyers: { some: { familyId } } }] };
}

/** Inscriptions the family reaches: those of its children (a shared child's inscription serves both foyers). */
export function familyInscriptionWhere(familyId: string): Prisma.InscriptionWhereInput {
  return { child: familyChildWhere(familyId) };
}

/** The custody calendars of some children, read at once (days limited to [from, to] when given). */
export async function readCustodyCalendars(
  childIds: readonly string[],
  range?: { from: string; to: string },
  client: Tx | typeof db = db,
): Promise<Map<string, CustodyCalendar>> {
  const children = await client.child.findMany({
    where: { id: { in: [...childIds] } },
    select: {
      id: true,
      familyId: true,
      foyers: { select: { familyId: true }, orderBy: { createdAt: "asc" }, take: 1 },
      custodyPlan: { select: { kind: true, evenWeeksFamilyId: true, weekdayFamilyIds: true, defaultFamilyId: true } },
      custodyDays: {
        where: range ? { date: { gte: new Date(`${range.from}T00:00:00Z`), lte: new Date(`${range.to}T00:00:00Z`) } } : undefined,
        select: { date: true, familyId: true },
      },
    },
  });
  return new Map(
    children.map((child) => [
      child.id,
      {
        firstFamilyId: child.familyId,
        secondFamilyId: child.foyers[0]?.familyId ?? null,
        rule: child.custodyPlan,
        days: new Map(child.custodyDays.map((d) => [dayOf(d.date), d.familyId])),
      },
    ]),
  );
}
