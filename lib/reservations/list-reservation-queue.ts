import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { idsNamingEveryWord } from "@/lib/staff/accent-search";
import { clampPage, type PageRequest, type Paged } from "@/lib/staff/paging";
import { deadlineFor, parseDeadline } from "@/lib/calendar/deadlines";
import { dateOf, dayOf } from "@/lib/calendar/paris";
import { RESERVATION_STATUSES, statusIn, isIn } from "@/lib/workflow";
import { readSlotUsage } from "./slots";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";

export interface QueueFilters {
  structureId?: string;
  activityId?: string;
  timeUnitId?: string;
  /** "YYYY-MM-DD", inclusive. */
  from?: string;
  to?: string;
}

const SELECT = {
  id: true,
  status: true,
  date: true,
  createdAt: true,
  decidedAt: true,
  waitlistRank: true,
  timeUnitId: true,
  timeUnit: { select: { name: true, capacity: true } },
  inscription: {
    select: {
      id: true,
      family: { select: { id: true, name: true } },
      child: { select: { firstName: true, lastName: true } },
      activity: { select: { id: true, name: true, cancellationDeadline: true } },
    },
  },
} satisfies Prisma.ReservationSelect;

/** Which requests: the DR and waiting ones (accept / refuse), the DA (excusée / facturée), or both. */
export type QueueKind = "requests" | "cancellations" | "all";

/**
 * The search words as a filter: each names the child, the family, the activity or the unit — accents and case
 * ignored (lib/staff/accent-search.ts), among the requests awaiting a decision; case only when a word matches too many.
 */
async function wordsWhere(words: string[] = []): Promise<Prisma.ReservationWhereInput[]> {
  if (words.length === 0) return [];
  const ids = await idsNamingEveryWord({
    table: "Reservation",
    joins: Prisma.sql`JOIN "Inscription" i ON i."id" = t."inscriptionId" JOIN "Child" c ON c."id" = i."childId"
      JOIN "Family" f ON f."id" = i."familyId" JOIN "Activity" a ON a."id" = i."activityId" JOIN "TimeUnit" u ON u."id" = t."timeUnitId"`,
    candidates: Prisma.sql`t."status"::text IN (${Prisma.join([...RESERVATION_STATUSES.AWAITING_DECISION])})`,
    columns: [Prisma.sql`c."firstName"`, Prisma.sql`c."lastName"`, Prisma.sql`f."name"`, Prisma.sql`a."name"`, Prisma.sql`u."name"`],
    words,
  });
  if (ids) return [{ id: { in: ids } }];
  const insensitive = (word: string) => ({ contains: word, mode: "insensitive" as const });
  return words.map((word) => ({
    OR: [
      { inscription: { child: { firstName: insensitive(word) } } },
      { inscription: { child: { lastName: insensitive(word) } } },
      { inscription: { family: { name: insensitive(word) } } },
      { inscription: { activity: { name: insensitive(word) } } },
      { timeUnit: { name: insensitive(word) } },
    ],
  }));
}

/** The queue's rows for the filters and the search words (`wordsWhere`), in the staff's scope. */
function queueWhere(
  filters: QueueFilters,
  scope: StaffScope,
  kind: QueueKind,
  named: Prisma.ReservationWhereInput[] = [],
): Prisma.ReservationWhereInput {
  return {
    AND: [scopeWhere(scope).reservation, ...named],
    status: statusIn(
      kind === "requests"
        ? RESERVATION_STATUSES.REQUESTS
        : kind === "cancellations"
          ? RESERVATION_STATUSES.CANCELLATION_PENDING
          : RESERVATION_STATUSES.AWAITING_DECISION,
    ),
    ...(filters.timeUnitId ? { timeUnitId: filters.timeUnitId } : {}),
    ...(filters.from || filters.to
      ? { date: { ...(filters.from ? { gte: dateOf(filters.from) } : {}), ...(filters.to ? { lte: dateOf(filters.to) } : {}) } }
      : {}),
    inscription: { activityId: filters.activityId, activity: filters.structureId ? { structureId: filters.structureId } : undefined },
  };
}

type Row = Prisma.ReservationGetPayload<{ select: typeof SELECT }>;

/** Each row with the live availability of its unit-day and, for a DA, the decision the deadline proposes. */
async function shape(rows: Row[]) {
  const usage = await readSlotUsage([...new Set(rows.map((r) => r.timeUnitId))], [...new Set(rows.map((r) => dayOf(r.date)))]);
  return rows.map((r) => {
    const deadline = deadlineFor(parseDeadline(r.inscription.activity.cancellationDeadline)!, dayOf(r.date));
    return {
      id: r.id,
      status: r.status,
      day: dayOf(r.date),
      sentAt: r.createdAt,
      /** Family and month: how the desk reads a batch (one e-mail per family). */
      group: `${r.inscription.family.id}|${dayOf(r.date).slice(0, 7)}`,
      family: r.inscription.family,
      child: r.inscription.child,
      activity: { id: r.inscription.activity.id, name: r.inscription.activity.name },
      unit: { id: r.timeUnitId, name: r.timeUnit.name },
      availability: usage(r.timeUnitId, dayOf(r.date), r.timeUnit.capacity),
      // The DA's request time is its decision time (R → DA, by the parent).
      proposedCancellation: isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, r.status)
        ? (r.decidedAt ?? r.createdAt) <= deadline
          ? ("EXCUSED" as const)
          : ("BILLED" as const)
        : null,
    };
  });
}

/**
 * The staff queue of reservation requests, oldest first, each with the live
 * availability of its unit-day (booked / places / waiting) — what accepting
 * means — and, for a DA, the decision the cancellation deadline proposes
 * (asked in time → excusée, else facturée).
 */
export async function listReservationQueue(filters: QueueFilters, scope: StaffScope, limit = 500) {
  const rows = await db.reservation.findMany({
    where: queueWhere(filters, scope, "all"),
    orderBy: [{ createdAt: "asc" }, { date: "asc" }],
    take: limit,
    select: SELECT,
  });
  return shape(rows);
}

export const QUEUE_SORTS = ["famille", "jour", "envoyee"] as const;
export type QueueSort = { key: (typeof QUEUE_SORTS)[number]; desc: boolean };

function orderOf(sort: QueueSort | undefined): Prisma.ReservationOrderByWithRelationInput[] {
  const dir = sort?.desc ? ("desc" as const) : ("asc" as const);
  const order: Prisma.ReservationOrderByWithRelationInput[] =
    sort?.key === "famille"
      ? [{ inscription: { family: { name: dir } } }, { date: dir }, { createdAt: "asc" }]
      : sort?.key === "jour"
        ? [{ date: dir }, { createdAt: "asc" }]
        : [{ createdAt: dir }, { date: dir }];
  // The id last: a stable order, so that no row is shown on two pages or on none.
  return [...order, { id: "asc" }];
}

/**
 * One page of the queue (ADR 043): the rows shown and the total, read in the database — the page never holds the
 * whole queue. A page past the end (the last rows just decided) is read as the last page.
 */
export async function pageReservationQueue(
  filters: QueueFilters,
  scope: StaffScope,
  options: PageRequest & { kind: Exclude<QueueKind, "all">; words?: string[]; sort?: QueueSort },
): Promise<Paged<QueuedReservation>> {
  const where = queueWhere(filters, scope, options.kind, await wordsWhere(options.words));
  const read = (skip: number) =>
    db.reservation.findMany({ where, orderBy: orderOf(options.sort), skip, take: options.pageSize, select: SELECT });
  const [total, first] = await Promise.all([db.reservation.count({ where }), read((options.page - 1) * options.pageSize)]);
  const { page, pageCount, skip } = clampPage(options, total);
  const rows = page === options.page ? first : await read(skip);
  return { items: await shape(rows), total, page, pageCount, pageSize: options.pageSize };
}

/**
 * The family-month batches of the families on a page (ADR 043: what « Par famille et par mois » shows next to it):
 * every request of each batch, on this page or not, as ids with the day and the child's first name — one query.
 */
export async function listFamilyMonthBatches(filters: QueueFilters, scope: StaffScope, familyIds: string[], words: string[] = []) {
  if (familyIds.length === 0) return [];
  const rows = await db.reservation.findMany({
    where: { AND: [queueWhere(filters, scope, "requests", await wordsWhere(words)), { inscription: { familyId: { in: familyIds } } }] },
    orderBy: [{ createdAt: "asc" }, { date: "asc" }, { id: "asc" }],
    select: {
      id: true,
      date: true,
      inscription: { select: { family: { select: { id: true, name: true } }, child: { select: { firstName: true } } } },
    },
  });
  const batches = new Map<
    string,
    { group: string; family: { id: string; name: string }; month: string; ids: string[]; children: Set<string> }
  >();
  for (const r of rows) {
    const month = dayOf(r.date).slice(0, 7);
    const group = `${r.inscription.family.id}|${month}`;
    const batch = batches.get(group) ?? { group, family: r.inscription.family, month, ids: [], children: new Set<string>() };
    batch.ids.push(r.id);
    batch.children.add(r.inscription.child.firstName);
    batches.set(group, batch);
  }
  return [...batches.values()].map((b) => ({ ...b, children: [...b.children] }));
}

export type FamilyMonthBatch = Awaited<ReturnType<typeof listFamilyMonthBatches>>[number];

/** Every request the filters show, decided at once: the oldest `limit` ids and how many families the whole selection spans. */
export async function listFilteredRequests(filters: QueueFilters, scope: StaffScope, limit: number, words: string[] = []) {
  const where = queueWhere(filters, scope, "requests", await wordsWhere(words));
  const [ids, families] = await Promise.all([
    db.reservation.findMany({ where, orderBy: [{ createdAt: "asc" }, { date: "asc" }, { id: "asc" }], take: limit, select: { id: true } }),
    db.family.count({ where: { inscriptions: { some: { reservations: { some: where } } } } }),
  ]);
  return { ids: ids.map((r) => r.id), families };
}

export type QueuedReservation = Awaited<ReturnType<typeof shape>>[number];

/** What the console's filters offer: the structures, the activities, the units (named with their activity). */
export async function listQueueFilterChoices(scope: StaffScope) {
  const scoped = scopeWhere(scope);
  const [structures, activities] = await Promise.all([
    db.structure.findMany({ where: scoped.structure, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    db.activity.findMany({
      where: scoped.activity,
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        timeUnits: { orderBy: [{ sortOrder: "asc" }, { startTime: "asc" }], select: { id: true, name: true } },
      },
    }),
  ]);
  return {
    structures,
    activities: activities.map((a) => ({ id: a.id, name: a.name })),
    units: activities.flatMap((a) => a.timeUnits.map((u) => ({ id: u.id, name: `${u.name} (${a.name})`, activityId: a.id }))),
  };
}
