import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db, type Tx } from "@/lib/db";
import { deadlineFor, parseDeadline } from "@/lib/calendar/deadlines";
import { dateOf } from "@/lib/calendar/paris";
import { MEAL_TYPES } from "@/lib/families/child-options";
import { isIn, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";
import type { ReservationStatus } from "@/lib/generated/prisma/enums";
import { Mark } from "./record-attendance";

export const SHOWN: ReservationStatus[] = [...RESERVATION_STATUSES.EXPECTED, ...RESERVATION_STATUSES.POINTED, "INVOICED"];

/**
 * The cells whose absence is excused by the rules: a DA asked before the cancellation deadline (still
 * pending), or an absence already excused through such a cancellation (its log says it came from a DA).
 */
export async function cancelledInTime(
  client: Pick<Tx, "transitionLog">,
  rows: { id: string; status: ReservationStatus; decidedAt: Date | null; createdAt: Date }[],
  deadline: Date,
) {
  const excused = rows.filter((r) => isIn(RESERVATION_STATUSES.EXCUSED, r.status)).map((r) => r.id);
  const logs =
    excused.length === 0
      ? []
      : await client.transitionLog.findMany({
          where: { machine: "RESERVATION", entityId: { in: excused }, toStatus: "ABSENT_EXCUSED" },
          orderBy: { createdAt: "desc" },
          select: { entityId: true, fromStatus: true },
        });
  const lastFrom = new Map<string, string | null>();
  for (const l of logs) if (!lastFrom.has(l.entityId)) lastFrom.set(l.entityId, l.fromStatus);
  return new Set(
    rows
      .filter((r) =>
        isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, r.status)
          ? (r.decidedAt ?? r.createdAt) <= deadline
          : isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, lastFrom.get(r.id)),
      )
      .map((r) => r.id),
  );
}

export async function getAttendanceSheet(input: {
  activityId: string;
  day: string;
  timeUnitId: string;
  ageGroupId?: string;
  scope: StaffScope;
}) {
  const unit = await db.timeUnit.findFirst({
    where: { id: input.timeUnitId, activityId: input.activityId, ...scopeWhere(input.scope).byActivity },
    select: { id: true, name: true, startTime: true, endTime: true, activity: { select: { name: true, cancellationDeadline: true } } },
  });
  if (!unit) return null;
  const deadline = deadlineFor(parseDeadline(unit.activity.cancellationDeadline)!, input.day);
  const rows = await db.reservation.findMany({
    where: {
      timeUnitId: unit.id,
      date: dateOf(input.day),
      status: statusIn(SHOWN),
      ...(input.ageGroupId ? { inscription: { ageGroupId: input.ageGroupId } } : {}),
    },
    select: {
      id: true,
      status: true,
      decidedAt: true,
      createdAt: true,
      inscription: {
        select: {
          ageGroup: { select: { name: true } },
          family: {
            select: {
              id: true,
              name: true,
              adults: {
                where: { isLegalGuardian: true },
                orderBy: { createdAt: "asc" },
                select: { firstName: true, lastName: true, mobilePhone: true, homePhone: true },
              },
            },
          },
          child: {
            select: {
              id: true,
              firstName: true,
              lastName: true,
              birthDate: true,
              hasAllergies: true,
              allergyNotes: true,
              hasPai: true,
              mealType: true,
              dietNotes: true,
              photoConsent: true,
              canLeaveAlone: true,
              emergencyCareConsent: true,
              doctorName: true,
              doctorPhone: true,
              authorizedPersons: { orderBy: { createdAt: "asc" }, select: { fullName: true, phone: true, relationship: true } },
            },
          },
        },
      },
    },
  });
  const inTime = await cancelledInTime(db, rows, deadline);
  const children = rows
    .map((r) => ({
      id: r.id,
      status: r.status,
      /** The pointage recorded, else none: nobody is marked until staff mark them (« Tous présents » is a button). */
      proposed: (!isIn(RESERVATION_STATUSES.POINTED, r.status)
        ? null
        : isIn(RESERVATION_STATUSES.EXCUSED, r.status)
          ? "EXCUSED"
          : isIn(RESERVATION_STATUSES.PROPOSED_ABSENT, r.status)
            ? "ABSENT"
            : "PRESENT") as Mark | null,
      /** The family asked to cancel (DA): « Tous présents » leaves the child to mark. */
      cancellationRequested: isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, r.status),
      cancelledInTime: inTime.has(r.id),
      locked: isIn(RESERVATION_STATUSES.INVOICED, r.status),
      group: r.inscription.ageGroup?.name ?? null,
      family: { id: r.inscription.family.id, name: r.inscription.family.name, guardians: r.inscription.family.adults },
      child: {
        ...r.inscription.child,
        meal: r.inscription.child.mealType === "STANDARD" ? null : MEAL_TYPES[r.inscription.child.mealType],
      },
    }))
    .sort((a, b) => a.child.lastName.localeCompare(b.child.lastName, "fr") || a.child.firstName.localeCompare(b.child.firstName, "fr"));
  return {
    unit: { id: unit.id, name: unit.name, startTime: unit.startTime, endTime: unit.endTime },
    activityName: unit.activity.name,
    day: input.day,
    children,
  };
}

/** Per unit of the activity, the children to point that day (booked, pointed or invoiced). */
export async function countExpected(activityId: string, day: string): Promise<Map<string, number>> {
  const rows = await db.reservation.groupBy({
    by: ["timeUnitId"],
    where: { timeUnit: { activityId }, date: dateOf(day), status: statusIn(SHOWN) },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.timeUnitId, r._count._all]));
}
