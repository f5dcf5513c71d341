import "server-only";
import { db, isPrismaError } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { NotFoundError } from "@/lib/workflow";

/**
 * Rules between two units of one activity (Journée complète excludes Matin ; relais soir needs
 * Après-midi or Journée complète), checked on every request and cancellation (lib/reservations/unit-rules).
 * They apply to the requests to come; what is booked already stays.
 */
export async function addUnitRule(data: { unitId: string; kind: "INCOMPATIBLE" | "REQUIRES"; otherUnitId: string }) {
  const units = await db.timeUnit.findMany({ where: { id: { in: [data.unitId, data.otherUnitId] } }, select: { id: true, activityId: true } });
  if (units.length !== 2) throw new NotFoundError();
  if (units[0]!.activityId !== units[1]!.activityId) fieldError("otherUnitId", "Autre unité : elle doit être de la même activité.");
  // One incompatibility per pair, whichever way round it was written.
  if (data.kind === "INCOMPATIBLE" && (await db.timeUnitRule.findFirst({ where: { kind: "INCOMPATIBLE", unitId: data.otherUnitId, otherUnitId: data.unitId } }))) {
    fieldError("otherUnitId", "Règle : cette incompatibilité existe déjà.");
  }
  try {
    return await db.timeUnitRule.create({ data, select: { id: true } });
  } catch (error) {
    if (isPrismaError(error, "P2002")) fieldError("otherUnitId", "Règle : elle existe déjà.");
    throw error;
  }
}

export async function deleteUnitRule(ruleId: string): Promise<void> {
  const deleted = await db.timeUnitRule.deleteMany({ where: { id: ruleId } });
  if (deleted.count === 0) throw new NotFoundError();
}
