import "server-only";
import { db } from "@/lib/db";
import { familyInscriptionWhere } from "@/lib/families/foyers";
import { allowedActions, INSCRIPTION_STATUSES, isIn, statusTone, type ActorKind, statusIn } from "@/lib/workflow";
import type { InscriptionStatus } from "@/lib/generated/prisma/enums";
import { waitlistPosition } from "./capacity";
import { markerOf } from "./markers";
import { ALL_LIEUX, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { Prisma } from "@/lib/generated/prisma/client";
import { idsNamingEveryWord } from "@/lib/staff/accent-search";
import { clampPage, type PageRequest, type Paged } from "@/lib/staff/paging";

export { markerOf };

const select = {
  id: true,
  status: true,
  startDate: true,
  endDate: true,
  reason: true,
  createdAt: true,
  decidedAt: true,
  waitlistRank: true,
  activityId: true,
  periodId: true,
  ageGroupId: true,
  isRenewal: true,
  child: { select: { id: true, firstName: true, lastName: true, birthDate: true } },
  activity: {
    select: { name: true, isPreRegistration: true, structure: { select: { name: true } }, careType: { select: { name: true } } },
  },
  period: { select: { name: true } },
  ageGroup: { select: { name: true } },
} as const;

/** What the viewer may do with an inscription, asked of the machine (pages decide nothing themselves). */
function permissions(status: InscriptionStatus, viewer: ActorKind) {
  return {
    ...allowedActions("INSCRIPTION", status, viewer),
    attestation: isIn(INSCRIPTION_STATUSES.CERTIFIABLE, status),
    /** A refusal or a cancellation says why. */
    showReason: ["refused", "closed"].includes(statusTone("INSCRIPTION", status)),
  };
}

/**
 * A family's inscriptions — those of its children, a shared child's included whichever foyer asked (ADR 051); staff see
 * those of their lieux (ADR 029: the family file is read by all, its inscriptions are not).
 */
export async function listFamilyInscriptions(familyId: string, viewer: ActorKind, scope: StaffScope = ALL_LIEUX) {
  const rows = await db.inscription.findMany({
    where: { AND: [familyInscriptionWhere(familyId), scopeWhere(scope).inscription] },
    orderBy: [{ createdAt: "desc" }],
    select,
  });
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      marker: markerOf(row.status, row.activity.isPreRegistration),
      position: isIn(INSCRIPTION_STATUSES.ON_WAITING_LIST, row.status) ? await waitlistPosition(db, row) : null,
      can: permissions(row.status, viewer),
    })),
  );
}

export const INSCRIPTION_QUEUE_SORTS = ["enfant", "activite", "envoyee"] as const;
export type InscriptionQueueSort = { key: (typeof INSCRIPTION_QUEUE_SORTS)[number]; desc: boolean };

function inscriptionOrder(sort: InscriptionQueueSort | undefined): Prisma.InscriptionOrderByWithRelationInput[] {
  const dir = sort?.desc ? ("desc" as const) : ("asc" as const);
  const order: Prisma.InscriptionOrderByWithRelationInput[] =
    sort?.key === "enfant"
      ? [{ child: { lastName: dir } }, { child: { firstName: dir } }, { createdAt: "asc" }]
      : sort?.key === "activite"
        ? [{ activity: { name: dir } }, { createdAt: "asc" }]
        : [{ createdAt: dir }];
  // The id last: a stable order across pages.
  return [...order, { id: "asc" }];
}

/**
 * The search words as a filter: each names the child, the family or the activity — accents and case ignored
 * (lib/staff/accent-search.ts), among the requests awaiting a decision; case only when a word matches too many.
 */
async function wordsWhere(words: string[] = []): Promise<Prisma.InscriptionWhereInput[]> {
  if (words.length === 0) return [];
  const ids = await idsNamingEveryWord({
    table: "Inscription",
    joins: Prisma.sql`JOIN "Child" c ON c."id" = t."childId" JOIN "Family" f ON f."id" = t."familyId" JOIN "Activity" a ON a."id" = t."activityId"`,
    candidates: Prisma.sql`t."status"::text IN (${Prisma.join([...INSCRIPTION_STATUSES.AWAITING_DECISION])})`,
    columns: [Prisma.sql`c."firstName"`, Prisma.sql`c."lastName"`, Prisma.sql`f."name"`, Prisma.sql`a."name"`],
    words,
  });
  if (ids) return [{ id: { in: ids } }];
  const insensitive = (word: string) => ({ contains: word, mode: "insensitive" as const });
  return words.map((word) => ({
    OR: [
      { child: { firstName: insensitive(word) } },
      { child: { lastName: insensitive(word) } },
      { family: { name: insensitive(word) } },
      { activity: { name: insensitive(word) } },
    ],
  }));
}

/**
 * The staff queue: pending and waiting requests, oldest first, optionally for one activity / period and searched
 * (each word names the child, the family or the activity) — one page of it (ADR 043), read in the database.
 */
export async function listInscriptionQueue(
  /** `renewals`: only the requests sent by « Réinscrire » (ADR 052), validated in bulk with one e-mail per family. */
  filter: { activityId?: string; periodId?: string; words?: string[]; renewals?: boolean },
  scope: StaffScope,
  paging: PageRequest & { sort?: InscriptionQueueSort } = { page: 1, pageSize: 200 },
) {
  const where: Prisma.InscriptionWhereInput = {
    AND: [scopeWhere(scope).inscription, ...(await wordsWhere(filter.words))],
    status: statusIn(INSCRIPTION_STATUSES.AWAITING_DECISION),
    ...(filter.activityId ? { activityId: filter.activityId } : {}),
    ...(filter.periodId ? { periodId: filter.periodId } : {}),
    ...(filter.renewals ? { isRenewal: true } : {}),
  };
  const read = (skip: number) =>
    db.inscription.findMany({
      where,
      orderBy: inscriptionOrder(paging.sort),
      skip,
      take: paging.pageSize,
      select: { ...select, family: { select: { id: true, name: true } } },
    });
  const [total, first] = await Promise.all([db.inscription.count({ where }), read((paging.page - 1) * paging.pageSize)]);
  const { page, pageCount, skip } = clampPage(paging, total);
  const rows = page === paging.page ? first : await read(skip);
  const items = await describeQueue(rows);
  return { items, total, page, pageCount, pageSize: paging.pageSize } satisfies Paged<(typeof items)[number]>;
}

/** The rows of a page with their places left and, for a waiting one, its position and who waits before it — set-based. */
async function describeQueue<
  T extends {
    id: string;
    status: InscriptionStatus;
    activityId: string;
    periodId: string;
    ageGroupId: string | null;
    waitlistRank: number | null;
    activity: { isPreRegistration: boolean };
  },
>(rows: T[]) {
  // Places left per activity and period (when the activity has a maximum): what accepting means.
  const scopes = [
    ...new Map(rows.map((r) => [`${r.activityId}|${r.periodId}`, { activityId: r.activityId, periodId: r.periodId }])).values(),
  ];
  const waitingScopes = [
    ...new Map(
      rows
        .filter((r) => isIn(INSCRIPTION_STATUSES.ON_WAITING_LIST, r.status))
        .map((r) => [`${r.activityId}|${r.periodId}`, { activityId: r.activityId, periodId: r.periodId }]),
    ).values(),
  ];
  const [held, activities, waiting] = await Promise.all([
    scopes.length === 0
      ? []
      : db.inscription.groupBy({
          by: ["activityId", "periodId"],
          where: { status: statusIn(INSCRIPTION_STATUSES.HOLDS_PLACE), OR: scopes },
          _count: { _all: true },
        }),
    scopes.length === 0
      ? []
      : db.activity.findMany({ where: { id: { in: scopes.map((s) => s.activityId) } }, select: { id: true, maxInscriptions: true } }),
    // Every waiting request of the activities and periods of the page's waiting rows, in rank order (one query, not one per row).
    waitingScopes.length === 0
      ? []
      : db.inscription.findMany({
          where: { status: statusIn(INSCRIPTION_STATUSES.ON_WAITING_LIST), waitlistRank: { not: null }, OR: waitingScopes },
          orderBy: { waitlistRank: "asc" },
          select: {
            activityId: true,
            periodId: true,
            ageGroupId: true,
            waitlistRank: true,
            child: { select: { firstName: true, lastName: true } },
          },
        }),
  ]);
  const maxima = new Map(activities.map((a) => [a.id, a.maxInscriptions]));
  const placesLeft = (activityId: string, periodId: string) => {
    const max = maxima.get(activityId);
    if (max === null || max === undefined) return null;
    const taken = held.find((h) => h.activityId === activityId && h.periodId === periodId)?._count._all ?? 0;
    return Math.max(0, max - taken);
  };
  return rows.map((row) => {
    const onList = isIn(INSCRIPTION_STATUSES.ON_WAITING_LIST, row.status);
    const same = (w: (typeof waiting)[number]) => w.activityId === row.activityId && w.periodId === row.periodId;
    // As waitlistPosition: the waiting requests of the activity and period ranked up to this one.
    const position = !onList
      ? null
      : row.waitlistRank === null
        ? 0
        : waiting.filter((w) => same(w) && w.waitlistRank! <= row.waitlistRank!).length;
    // As earlierRankOfGroup: the first waiting request of the same group ranked before this one.
    const ahead =
      onList && row.waitlistRank !== null
        ? waiting.find((w) => same(w) && w.ageGroupId === row.ageGroupId && w.waitlistRank! < row.waitlistRank!)
        : undefined;
    return {
      ...row,
      marker: markerOf(row.status, row.activity.isPreRegistration),
      position,
      can: permissions(row.status, "STAFF"),
      placesLeft: placesLeft(row.activityId, row.periodId),
      waitsBehind: ahead ? `${ahead.child.firstName} ${ahead.child.lastName}` : null,
    };
  });
}

/** Renewals awaiting a decision (the « Réinscriptions » tab of the queue). */
export async function countPendingRenewals(scope: StaffScope) {
  return db.inscription.count({
    where: { status: statusIn(INSCRIPTION_STATUSES.AWAITING_DECISION), isRenewal: true, ...scopeWhere(scope).inscription },
  });
}

export async function countPendingInscriptions(scope: StaffScope) {
  return db.inscription.count({ where: { status: statusIn(INSCRIPTION_STATUSES.AWAITING_DECISION), ...scopeWhere(scope).inscription } });
}

export async function listActivityFilters(scope: StaffScope) {
  return db.activity.findMany({
    where: scopeWhere(scope).activity,
    orderBy: { name: "asc" },
    select: { id: true, name: true, periods: { select: { id: true, name: true }, orderBy: { startDate: "asc" } } },
  });
}
