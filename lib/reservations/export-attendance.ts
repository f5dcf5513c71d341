import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { dateOf } from "@/lib/calendar/paris";
import { isIn, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The attendance of an activity between two days, as a CAF return needs it: child, date, unit, hours and the
 * pointage (P, A Exc., A Fact., F), one row per child, day and unit, in the order of the days.
 */
export async function attendanceExport(input: { activityId: string; from: string; to: string; scope: StaffScope }) {
  const activity = await db.activity.findFirst({
    where: { id: input.activityId, ...scopeWhere(input.scope).activity },
    select: { name: true },
  });
  if (!activity) return null;
  const rows = await db.reservation.findMany({
    where: {
      timeUnit: { activityId: input.activityId },
      date: { gte: dateOf(input.from), lte: dateOf(input.to) },
      status: statusIn([...RESERVATION_STATUSES.POINTED, "INVOICED"]),
    },
    orderBy: [
      { date: "asc" },
      { timeUnit: { sortOrder: "asc" } },
      { inscription: { child: { lastName: "asc" } } },
      { inscription: { child: { firstName: "asc" } } },
    ],
    select: {
      id: true,
      date: true,
      status: true,
      timeUnit: { select: { name: true, startTime: true, endTime: true } },
      inscription: {
        select: { family: { select: { cafNumber: true } }, child: { select: { lastName: true, firstName: true, birthDate: true } } },
      },
    },
  });
  // An invoiced cell was a presence or a billed absence: its log says which.
  const invoiced = rows.filter((r) => isIn(RESERVATION_STATUSES.INVOICED, r.status)).map((r) => r.id);
  const before = new Map(
    (invoiced.length === 0
      ? []
      : await db.transitionLog.findMany({
          where: { machine: "RESERVATION", entityId: { in: invoiced }, toStatus: "INVOICED" },
          select: { entityId: true, fromStatus: true },
        })
    ).map((l) => [l.entityId, l.fromStatus]),
  );
  return {
    activity,
    rows: rows.map((r) => ({
      lastName: r.inscription.child.lastName.toUpperCase(),
      firstName: r.inscription.child.firstName,
      birthDate: r.inscription.child.birthDate,
      cafNumber: r.inscription.family.cafNumber ?? "",
      date: r.date,
      unit: r.timeUnit.name,
      start: r.timeUnit.startTime,
      end: r.timeUnit.endTime,
      /** Hours of presence (0 for an absence), as a CAF return counts them. */
      hours:
        isIn(RESERVATION_STATUSES.ATTENDED, r.status) ||
        (isIn(RESERVATION_STATUSES.INVOICED, r.status) && isIn(RESERVATION_STATUSES.ATTENDED, before.get(r.id)))
          ? (minutes(r.timeUnit.endTime) - minutes(r.timeUnit.startTime)) / 60
          : 0,
      status: r.status,
    })),
  };
}
