import "server-only";
import { db } from "@/lib/db";
import { allowedActions, INSCRIPTION_STATUSES, isIn, statusTone, type ActorKind, statusIn } from "@/lib/workflow";
import type { InscriptionStatus } from "@/lib/generated/prisma/enums";
import { waitlistPosition } from "./capacity";
import { markerOf } from "./markers";
import { ALL_LIEUX, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";

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

/** A family's inscriptions; staff see those of their lieux (ADR 029: the family file is read by all, its inscriptions are not). */
export async function listFamilyInscriptions(familyId: string, viewer: ActorKind, scope: StaffScope = ALL_LIEUX) {
  const rows = await db.inscription.findMany({
    where: { familyId, ...scopeWhere(scope).inscription },
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

/** The staff queue: pending and waiting requests, oldest first, optionally for one activity / period. */
export async function listInscriptionQueue(filter: { activityId?: string; periodId?: string }, scope: StaffScope) {
  const rows = await db.inscription.findMany({
    where: {
      ...scopeWhere(scope).inscription,
      status: statusIn(INSCRIPTION_STATUSES.AWAITING_DECISION),
      ...(filter.activityId ? { activityId: filter.activityId } : {}),
      ...(filter.periodId ? { periodId: filter.periodId } : {}),
    },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: { ...select, family: { select: { id: true, name: true } } },
  });
  // Places left per activity and period (when the activity has a maximum): what accepting means.
  const scopes = [
    ...new Map(rows.map((r) => [`${r.activityId}|${r.periodId}`, { activityId: r.activityId, periodId: r.periodId }])).values(),
  ];
  const held =
    scopes.length === 0
      ? []
      : await db.inscription.groupBy({
          by: ["activityId", "periodId"],
          where: { status: statusIn(INSCRIPTION_STATUSES.HOLDS_PLACE), OR: scopes },
          _count: { _all: true },
        });
  const maxima = new Map(
    (
      await db.activity.findMany({ where: { id: { in: scopes.map((s) => s.activityId) } }, select: { id: true, maxInscriptions: true } })
    ).map((a) => [a.id, a.maxInscriptions]),
  );
  const placesLeft = (activityId: string, periodId: string) => {
    const max = maxima.get(activityId);
    if (max === null || max === undefined) return null;
    const taken = held.find((h) => h.activityId === activityId && h.periodId === periodId)?._count._all ?? 0;
    return Math.max(0, max - taken);
  };
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      marker: markerOf(row.status, row.activity.isPreRegistration),
      position: isIn(INSCRIPTION_STATUSES.ON_WAITING_LIST, row.status) ? await waitlistPosition(db, row) : null,
      can: permissions(row.status, "STAFF"),
      placesLeft: placesLeft(row.activityId, row.periodId),
      waitsBehind: isIn(INSCRIPTION_STATUSES.ON_WAITING_LIST, row.status) ? await earlierRankOfGroup(row) : null,
    })),
  );
}

/**
 * The child of the first waiting request of the same activity, période and group ranked before this one: validating
 * this one first passes it, and asks why (ADR 033). Null when none.
 */
async function earlierRankOfGroup(row: { activityId: string; periodId: string; ageGroupId: string | null; waitlistRank: number | null }) {
  if (row.waitlistRank === null) return null;
  const ahead = await db.inscription.findFirst({
    where: {
      activityId: row.activityId,
      periodId: row.periodId,
      ageGroupId: row.ageGroupId,
      status: statusIn(INSCRIPTION_STATUSES.ON_WAITING_LIST),
      waitlistRank: { lt: row.waitlistRank },
    },
    orderBy: { waitlistRank: "asc" },
    select: { child: { select: { firstName: true, lastName: true } } },
  });
  return ahead ? `${ahead.child.firstName} ${ahead.child.lastName}` : null;
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
