import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";

/** What the pointage page offers: each activity with its units and its groups. */
export async function listAttendanceChoices(scope: StaffScope) {
  return db.activity
    .findMany({
      where: scopeWhere(scope).activity,
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        timeUnits: { orderBy: [{ sortOrder: "asc" }, { startTime: "asc" }], select: { id: true, name: true } },
        ageGroups: { orderBy: { name: "asc" }, select: { id: true, name: true } },
      },
    })
    .then((rows) => rows.map((a) => ({ id: a.id, name: a.name, units: a.timeUnits, groups: a.ageGroups })));
}
