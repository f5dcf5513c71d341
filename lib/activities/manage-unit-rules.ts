import "server-only";
import { assertInScope, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db, transaction } from "@/lib/db";
import { lockUnitRules } from "@/lib/locks";
import { fieldError } from "@/lib/errors";
import { NotFoundError } from "@/lib/workflow";

/**
 * Rules between two units of one activity (Journée complète excludes Matin ; relais soir needs
 * Après-midi or Journée complète), checked on every request and cancellation (lib/reservations/unit-rules).
 * They apply to the requests to come; what is booked already stays.
 */
export async function addUnitRule(data: { unitId: string; kind: "INCOMPATIBLE" | "REQUIRES"; otherUnitId: string }, scope: StaffScope) {
  return transaction(async (tx) => {
    const units = await tx.timeUnit.findMany({
      where: { id: { in: [data.unitId, data.otherUnitId] }, ...scopeWhere(scope).byActivity },
      select: { id: true, activityId: true },
    });
    if (units.length !== 2) throw new NotFoundError();
    if (units[0]!.activityId !== units[1]!.activityId) fieldError("otherUnitId", "Autre unité : elle doit être de la même activité.");
    // The activity's rules change one at a time: A↔B and B↔A written at once cannot both pass the check below.
    await lockUnitRules(tx, units[0]!.activityId);
    // One incompatibility per pair, whichever way round it was written.
    if (
      data.kind === "INCOMPATIBLE" &&
      (await tx.timeUnitRule.findFirst({ where: { kind: "INCOMPATIBLE", unitId: data.otherUnitId, otherUnitId: data.unitId } }))
    ) {
      fieldError("otherUnitId", "Règle : cette incompatibilité existe déjà.");
    }
    if (await tx.timeUnitRule.findFirst({ where: data, select: { id: true } })) fieldError("otherUnitId", "Règle : elle existe déjà.");
    return tx.timeUnitRule.create({ data, select: { id: true } });
  });
}

export async function deleteUnitRule(ruleId: string, scope: StaffScope): Promise<void> {
  await assertInScope(scope, (s) => db.timeUnitRule.findFirst({ where: { id: ruleId, unit: s.byActivity }, select: { id: true } }));
  const deleted = await db.timeUnitRule.deleteMany({ where: { id: ruleId } });
  if (deleted.count === 0) throw new NotFoundError();
}
