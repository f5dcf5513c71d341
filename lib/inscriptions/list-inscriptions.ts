import "server-only";
import { db } from "@/lib/db";
import { waitlistPosition } from "./capacity";
import { markerOf } from "./markers";

export { markerOf };

const select = {
  id: true, status: true, startDate: true, endDate: true, reason: true, createdAt: true, decidedAt: true, waitlistRank: true,
  activityId: true, periodId: true,
  child: { select: { id: true, firstName: true, lastName: true, birthDate: true } },
  activity: { select: { name: true, isPreRegistration: true, structure: { select: { name: true } }, careType: { select: { name: true } } } },
  period: { select: { name: true } },
  ageGroup: { select: { name: true } },
} as const;

export async function listFamilyInscriptions(familyId: string) {
  const rows = await db.inscription.findMany({ where: { familyId }, orderBy: [{ createdAt: "desc" }], select });
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      marker: markerOf(row.status, row.activity.isPreRegistration),
      position: row.status === "WAITLISTED" ? await waitlistPosition(db, row) : null,
    })),
  );
}

/** The staff queue: pending and waiting requests, oldest first, optionally for one activity / period. */
export async function listInscriptionQueue(filter: { activityId?: string; periodId?: string }) {
  const rows = await db.inscription.findMany({
    where: {
      status: { in: ["PENDING", "WAITLISTED"] },
      ...(filter.activityId ? { activityId: filter.activityId } : {}),
      ...(filter.periodId ? { periodId: filter.periodId } : {}),
    },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: { ...select, family: { select: { id: true, name: true } } },
  });
  return Promise.all(
    rows.map(async (row) => ({ ...row, marker: markerOf(row.status, row.activity.isPreRegistration), position: row.status === "WAITLISTED" ? await waitlistPosition(db, row) : null })),
  );
}

export async function countPendingInscriptions() {
  return db.inscription.count({ where: { status: { in: ["PENDING", "WAITLISTED"] } } });
}

export async function listActivityFilters() {
  return db.activity.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, periods: { select: { id: true, name: true }, orderBy: { startDate: "asc" } } },
  });
}
