import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { NotFoundError } from "@/lib/errors";
import type { Tx } from "@/lib/db";

/**
 * The lieux d'accueil (Structure) a staff member sees and decides for (ADR 029): every lieu (ADMIN, a STAFF account
 * given no lieu, the system), or only some. Read from the database with the session on every request, carried by the
 * staff's Actor, turned into Prisma `where` fragments by `scopeWhere` — the one place that says how each entity
 * belongs to a lieu.
 */
export type StaffScope = { readonly all: true } | { readonly structureIds: readonly string[] };

export const ALL_LIEUX: StaffScope = Object.freeze({ all: true });

/** ADMIN is never limited; a STAFF account with no lieu keeps every lieu (ADR 029: opt-in, safe on upgrade). */
export function scopeOf(role: Role, structureIds: readonly string[]): StaffScope {
  if (role !== "STAFF" || structureIds.length === 0) return ALL_LIEUX;
  return Object.freeze({ structureIds: Object.freeze([...structureIds]) });
}

export function isLimited(scope: StaffScope): scope is { structureIds: readonly string[] } {
  return !("all" in scope);
}

export function coversStructure(scope: StaffScope, structureId: string | null | undefined): boolean {
  return !isLimited(scope) || (structureId != null && scope.structureIds.includes(structureId));
}

/** A structure id outside the scope is answered as a missing one. */
export function assertStructureInScope(scope: StaffScope, structureId: string | null | undefined): void {
  if (!coversStructure(scope, structureId)) throw new NotFoundError();
}

/**
 * The `where` fragment of each entity for a scope: `{}` for every lieu, otherwise the path from the entity to its lieu.
 * Combine with the query's own conditions (`where: { id, ...scoped.inscription }`, or `AND: [where, scoped.x]` when the
 * query has a key of the fragment: a spread replaces, it does not combine). No fragment has an `id` key.
 * - activity and its configuration (period, age group, time unit): the activity's lieu;
 * - inscription, reservation: the activity's lieu;
 * - invoice, billing run: their lieu;
 * - payment: at least one allocation to an invoice of the lieux (a payment allocated to nothing: every-lieu staff only);
 * - child: at least one inscription (any status) in the lieux; family: the same, through any of its children;
 * - a family's document or thread: about a child → that child; about no child → the family (ADR 029);
 * - published document: published for one of the lieux or one of their activities (« every family »: every-lieu staff only).
 */
export function scopeWhere(scope: StaffScope) {
  if (!isLimited(scope)) {
    return {
      structure: {},
      activity: {},
      byActivity: {},
      inscription: {},
      reservation: {},
      invoice: {},
      billingRun: {},
      payment: {},
      child: {},
      family: {},
      familyDocument: {},
      publishedDocument: {},
      thread: {},
    } satisfies Record<string, object>;
  }
  const ids = [...scope.structureIds];
  const activity: Prisma.ActivityWhereInput = { structureId: { in: ids } };
  const inscription: Prisma.InscriptionWhereInput = { activity };
  const child: Prisma.ChildWhereInput = { inscriptions: { some: inscription } };
  const family: Prisma.FamilyWhereInput = { inscriptions: { some: inscription } };
  return {
    // Under AND: spread after `id: x`, a bare `id: { in }` would replace the id asked for (and find any lieu).
    structure: { AND: [{ id: { in: ids } }] } satisfies Prisma.StructureWhereInput,
    activity,
    /** Period, age group, time unit, unit rule's unit…: anything with an `activity` relation. */
    byActivity: { activity },
    inscription,
    reservation: { inscription } satisfies Prisma.ReservationWhereInput,
    invoice: { structureId: { in: ids } } satisfies Prisma.InvoiceWhereInput,
    billingRun: { structureId: { in: ids } } satisfies Prisma.BillingRunWhereInput,
    payment: { allocations: { some: { invoice: { structureId: { in: ids } } } } } satisfies Prisma.PaymentWhereInput,
    child,
    family,
    familyDocument: {
      OR: [
        { childId: { not: null }, child },
        { childId: null, family },
      ],
    } satisfies Prisma.DocumentWhereInput,
    /** An activity's publication carries its lieu too (lib/documents/publish-document.ts). */
    publishedDocument: { structureId: { in: ids } } satisfies Prisma.DocumentWhereInput,
    thread: {
      OR: [
        { childId: { not: null }, child },
        { childId: null, family },
      ],
    } satisfies Prisma.MessageThreadWhereInput,
  };
}

/**
 * For a limited scope, `lookup` finds the id within the scope's fragments (a `findFirst` of `{ id, ...fragment }`);
 * nothing found is a `NotFoundError`, the answer to a missing id, before anything is written. Every lieu: no query.
 */
export async function assertInScope(scope: StaffScope, lookup: (where: ReturnType<typeof scopeWhere>) => Promise<unknown>): Promise<void> {
  if (!isLimited(scope)) return;
  if (!(await lookup(scopeWhere(scope)))) throw new NotFoundError();
}

/** An activity (and so its units, periods, groups, pointage, occupation) outside the scope is answered as a missing one. */
export function assertActivityInScope(tx: Tx, scope: StaffScope, activityId: string): Promise<void> {
  return assertInScope(scope, (s) => tx.activity.findFirst({ where: { id: activityId, ...s.activity }, select: { id: true } }));
}

/**
 * A change to a family's file by limited staff (ADR 029): the family must have an inscription in their lieux, else it
 * is answered as a missing one. The file stays readable by every staff member.
 */
export function assertFamilyInScope(tx: Tx, scope: StaffScope, familyId: string): Promise<void> {
  return assertInScope(scope, (s) => tx.family.findFirst({ where: { id: familyId, ...s.family }, select: { id: true } }));
}

/**
 * The same lieux as `scopeWhere`, for the few hot reads written in SQL (the staff's home page, ADR 047): a condition to
 * add after `WHERE …`, empty for every lieu. `activityId` is the column of an activity (an inscription's, a
 * reservation's through its inscription): it must be an activity of the lieux. `tests/staff-scope-security.test.ts`
 * checks that the counts read this way are those of `scopeWhere`.
 */
export function activityInScopeSql(scope: StaffScope, activityId: Prisma.Sql): Prisma.Sql {
  if (!isLimited(scope)) return Prisma.empty;
  return Prisma.sql`AND ${activityId} IN (SELECT sa."id" FROM "Activity" sa WHERE sa."structureId" = ANY(${[...scope.structureIds]}::text[]))`;
}

/** A reservation's lieu: its inscription's activity (`scopeWhere(scope).reservation`). */
export function reservationInScopeSql(scope: StaffScope, inscriptionId: Prisma.Sql): Prisma.Sql {
  if (!isLimited(scope)) return Prisma.empty;
  return Prisma.sql`AND ${inscriptionId} IN (SELECT si."id" FROM "Inscription" si JOIN "Activity" sa ON sa."id" = si."activityId"
    WHERE sa."structureId" = ANY(${[...scope.structureIds]}::text[]))`;
}

/** A family's lieux: at least one inscription (any status) in them (`scopeWhere(scope).family`). */
export function familyInScopeSql(scope: StaffScope, familyId: Prisma.Sql): Prisma.Sql {
  if (!isLimited(scope)) return Prisma.empty;
  return Prisma.sql`AND EXISTS (SELECT 1 FROM "Inscription" si JOIN "Activity" sa ON sa."id" = si."activityId"
    WHERE si."familyId" = ${familyId} AND sa."structureId" = ANY(${[...scope.structureIds]}::text[]))`;
}
