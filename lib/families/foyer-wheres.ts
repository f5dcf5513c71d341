import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Garde alternée (ADR 051), the other shapes of « what a foyer reaches », next to `familyChildWhere` (foyers.ts):
 *
 * - a foyer's days are its own: a reservation is the foyer's that booked it and is billed for it (`foyerId`), or, for a
 *   day booked before two foyers (no `foyerId`), the inscription's foyer — never the other foyer's days of a shared
 *   child (an absence certificate, the list of absences to justify);
 * - `familyChildSql` is `familyChildWhere` for the few reads written in SQL (the dashboard's one statement, ADR 048).
 */
export function familyReservationWhere(familyId: string): Prisma.ReservationWhereInput {
  return { OR: [{ foyerId: familyId }, { foyerId: null, inscription: { familyId } }] };
}

/** `familyChildWhere` in SQL: `child` is the alias of a "Child" row. */
export function familyChildSql(familyId: string, child: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${child}."familyId" = ${familyId}
    OR EXISTS (SELECT 1 FROM "ChildFoyer" cf WHERE cf."childId" = ${child}."id" AND cf."familyId" = ${familyId}))`;
}
