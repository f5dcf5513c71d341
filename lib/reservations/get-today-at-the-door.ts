import "server-only";
import { reservationInScopeSql, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { RESERVATION_STATUSES } from "@/lib/workflow";
import { SHOWN } from "./get-attendance-sheet";

/** One unit with children expected on the day, as `doorJsonSql` gives it. */
export interface DoorUnit {
  activity: { id: string; name: string };
  unit: { id: string; name: string; startTime: string };
  /** Children on the sheet (expected, pointed, invoiced). */
  expected: number;
  /** Of them, already pointed (present, absent, invoiced). */
  pointed: number;
}

/**
 * Each unit with children on the day's sheet, and how many are pointed already, as one JSON array (a scalar subquery),
 * ordered by activity then unit: read alone or with the staff's home page's counts in one statement (ADR 047).
 */
export function doorJsonSql(day: string, scope: StaffScope): Prisma.Sql {
  const shown = [...SHOWN];
  const expected = [...RESERVATION_STATUSES.EXPECTED];
  return Prisma.sql`COALESCE((SELECT json_agg(json_build_object(
      'activity', json_build_object('id', d."activityId", 'name', d."activityName"),
      'unit', json_build_object('id', d."id", 'name', d."name", 'startTime', d."startTime"),
      'expected', d."expected", 'pointed', d."pointed") ORDER BY d."activityName", d."sortOrder", d."startTime")
    FROM (SELECT u."id", u."name", u."startTime", u."sortOrder", a."id" AS "activityId", a."name" AS "activityName",
        count(*)::int AS "expected",
        (count(*) FILTER (WHERE r."status" <> ALL(${expected}::"ReservationStatus"[])))::int AS "pointed"
      FROM "Reservation" r JOIN "TimeUnit" u ON u."id" = r."timeUnitId" JOIN "Activity" a ON a."id" = u."activityId"
      WHERE r."date" = ${day}::date AND r."status" = ANY(${shown}::"ReservationStatus"[])
        ${reservationInScopeSql(scope, Prisma.sql`r."inscriptionId"`)}
      GROUP BY u."id", a."id") d), '[]'::json)`;
}

/** The staff's home page: each unit with children expected today, and how many are pointed already (one statement). */
export async function todayAtTheDoor(day: string, scope: StaffScope): Promise<DoorUnit[]> {
  const [row] = await db.$queryRaw<{ door: DoorUnit[] }[]>`SELECT ${doorJsonSql(day, scope)} AS "door"`;
  return row!.door;
}
