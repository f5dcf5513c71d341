import "server-only";
import { db } from "@/lib/db";
import type { InscriptionStatus } from "@/lib/generated/prisma/enums";
import { waitlistPosition } from "./capacity";

/** The marker of seed 003: V validée, ? en attente, ! pré-inscription petite enfance non validée. */
export function markerOf(status: InscriptionStatus, isPreRegistration: boolean): { symbol: string; label: string } {
  switch (status) {
    case "VALIDATED":
      return { symbol: "V", label: "Validée" };
    case "PENDING":
      return isPreRegistration ? { symbol: "!", label: "Pré-inscription non validée" } : { symbol: "?", label: "En attente de validation" };
    case "WAITLISTED":
      return { symbol: "?", label: "En liste d'attente" };
    case "REFUSED":
      return { symbol: "✕", label: "Refusée" };
    case "WITHDRAWN":
      return { symbol: "–", label: "Retirée" };
    case "CANCELLED":
      return { symbol: "✕", label: "Annulée" };
  }
}

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
