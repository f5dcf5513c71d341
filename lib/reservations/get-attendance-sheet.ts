import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db, type Tx } from "@/lib/db";
import { deadlineFor, parseDeadline } from "@/lib/calendar/deadlines";
import { dateOf } from "@/lib/calendar/paris";
import { MEAL_TYPES } from "@/lib/families/child-options";
import { isIn, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";
import type { MealType, ReservationStatus } from "@/lib/generated/prisma/enums";
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

/** A child of the day's sheet as `sheetRows` reads it. */
interface SheetRow {
  id: string;
  status: ReservationStatus;
  decidedAt: Date | null;
  createdAt: Date;
  group: string | null;
  familyId: string;
  familyName: string;
  /** The legal guardians, oldest first. */
  guardians: { firstName: string; lastName: string; mobilePhone: string | null; homePhone: string | null }[];
  child: {
    id: string;
    firstName: string;
    lastName: string;
    birthDate: Date;
    hasAllergies: boolean;
    allergyNotes: string | null;
    hasPai: boolean;
    mealType: MealType;
    dietNotes: string | null;
    photoConsent: boolean;
    canLeaveAlone: boolean;
    emergencyCareConsent: boolean;
    doctorName: string | null;
    doctorPhone: string | null;
    authorizedPersons: { fullName: string; phone: string; relationship: string }[];
  };
}

/**
 * The children of one unit-day (a group's only, if asked) with what the door must know, in one statement of typed SQL
 * (ADR 047: 150 children with their guardians and authorised persons cost Prisma's mapping more than the query itself).
 * The unit was checked in the staff's scope by the caller.
 */
async function sheetRows(timeUnitId: string, day: string, ageGroupId: string | null): Promise<SheetRow[]> {
  const rows = await db.$queryRaw<(Omit<SheetRow, "child"> & SheetRow["child"] & { childId: string })[]>`
    SELECT r."id", r."status"::text AS "status", r."decidedAt", r."createdAt", ag."name" AS "group",
      f."id" AS "familyId", f."name" AS "familyName",
      COALESCE((SELECT json_agg(json_build_object('firstName', a."firstName", 'lastName', a."lastName",
          'mobilePhone', a."mobilePhone", 'homePhone', a."homePhone") ORDER BY a."createdAt", a."id")
        FROM "Adult" a WHERE a."familyId" = f."id" AND a."isLegalGuardian"), '[]'::json) AS "guardians",
      c."id" AS "childId", c."firstName", c."lastName", c."birthDate", c."hasAllergies", c."allergyNotes", c."hasPai",
      c."mealType"::text AS "mealType", c."dietNotes", c."photoConsent", c."canLeaveAlone", c."emergencyCareConsent",
      c."doctorName", c."doctorPhone",
      COALESCE((SELECT json_agg(json_build_object('fullName', p."fullName", 'phone', p."phone", 'relationship', p."relationship")
          ORDER BY p."createdAt", p."id")
        FROM "AuthorizedPerson" p WHERE p."childId" = c."id"), '[]'::json) AS "authorizedPersons"
    FROM "Reservation" r
      JOIN "Inscription" i ON i."id" = r."inscriptionId"
      LEFT JOIN "AgeGroup" ag ON ag."id" = i."ageGroupId"
      JOIN "Family" f ON f."id" = i."familyId"
      JOIN "Child" c ON c."id" = i."childId"
    WHERE r."timeUnitId" = ${timeUnitId} AND r."date" = ${day}::date AND r."status" = ANY(${[...SHOWN]}::"ReservationStatus"[])
      AND (${ageGroupId}::text IS NULL OR i."ageGroupId" = ${ageGroupId})
    ORDER BY r."createdAt", r."id"`;
  return rows.map(({ id, status, decidedAt, createdAt, group, familyId, familyName, guardians, childId, ...child }) => ({
    id,
    status,
    decidedAt,
    createdAt,
    group,
    familyId,
    familyName,
    guardians,
    child: { ...child, id: childId },
  }));
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
  const rows = await sheetRows(unit.id, input.day, input.ageGroupId ?? null);
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
      group: r.group,
      family: { id: r.familyId, name: r.familyName, guardians: r.guardians },
      child: { ...r.child, meal: r.child.mealType === "STANDARD" ? null : MEAL_TYPES[r.child.mealType] },
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
