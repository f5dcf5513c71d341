import "server-only";
import { db } from "@/lib/db";

/** What the pointage page offers: each activity with its units and its groups. */
export async function listAttendanceChoices() {
  return db.activity
    .findMany({
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
