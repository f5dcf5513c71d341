import "server-only";
import { db } from "@/lib/db";
import { deadlineFor, parseDeadline } from "@/lib/calendar/deadlines";
import { dateOf, dayOf } from "@/lib/calendar/paris";
import { RESERVATION_STATUSES, statusIn, isIn } from "@/lib/workflow";
import { slotUsage } from "./slots";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";

export interface QueueFilters {
  structureId?: string;
  activityId?: string;
  timeUnitId?: string;
  /** "YYYY-MM-DD", inclusive. */
  from?: string;
  to?: string;
}

/**
 * The staff queue of reservation requests, oldest first, each with the live
 * availability of its unit-day (booked / places / waiting) — what accepting
 * means — and, for a DA, the decision the cancellation deadline proposes
 * (asked in time → excusée, else facturée).
 */
export async function listReservationQueue(filters: QueueFilters, scope: StaffScope, limit = 500) {
  const rows = await db.reservation.findMany({
    where: {
      AND: [scopeWhere(scope).reservation],
      // What the front desk decides: DR and waiting requests (accept / refuse), DA (excusée / facturée).
      status: statusIn(RESERVATION_STATUSES.AWAITING_DECISION),
      ...(filters.timeUnitId ? { timeUnitId: filters.timeUnitId } : {}),
      ...(filters.from || filters.to
        ? { date: { ...(filters.from ? { gte: dateOf(filters.from) } : {}), ...(filters.to ? { lte: dateOf(filters.to) } : {}) } }
        : {}),
      inscription: { activityId: filters.activityId, activity: filters.structureId ? { structureId: filters.structureId } : undefined },
    },
    orderBy: [{ createdAt: "asc" }, { date: "asc" }],
    take: limit,
    select: {
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
    },
  });
  const usage = await slotUsage(db, [...new Set(rows.map((r) => r.timeUnitId))], {
    in: [...new Set(rows.map((r) => dayOf(r.date)))].map(dateOf),
  });
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

export type QueuedReservation = Awaited<ReturnType<typeof listReservationQueue>>[number];

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
