import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { dateOf } from "@/lib/calendar/paris";
import { isIn, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";
import { SHOWN } from "./get-attendance-sheet";

/** The staff's home page: each unit with children expected today, and how many are pointed already. */
export async function todayAtTheDoor(day: string, scope: StaffScope) {
  const rows = await db.reservation.groupBy({
    by: ["timeUnitId", "status"],
    where: { date: dateOf(day), status: statusIn(SHOWN), ...scopeWhere(scope).reservation },
    _count: { _all: true },
  });
  if (rows.length === 0) return [];
  const units = await db.timeUnit.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.timeUnitId))] } },
    orderBy: [{ activity: { name: "asc" } }, { sortOrder: "asc" }, { startTime: "asc" }],
    select: { id: true, name: true, startTime: true, activity: { select: { id: true, name: true } } },
  });
  return units.map((u) => {
    const mine = rows.filter((r) => r.timeUnitId === u.id);
    const total = mine.reduce((n, r) => n + r._count._all, 0);
    const pointed = mine.filter((r) => !isIn(RESERVATION_STATUSES.EXPECTED, r.status)).reduce((n, r) => n + r._count._all, 0);
    return { activity: u.activity, unit: { id: u.id, name: u.name, startTime: u.startTime }, expected: total, pointed };
  });
}
