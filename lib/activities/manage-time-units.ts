import { count } from "@/lib/format";
import "server-only";
import { assertActivityInScope, assertInScope, type StaffScope } from "@/lib/auth/staff-scope";
import { db, isPrismaError } from "@/lib/db";
import { fieldError, UserFacingError } from "@/lib/errors";
import { NotFoundError } from "@/lib/workflow";

/** The time units of an activity (Accueil du matin, Repas…), in their order. */
export async function addTimeUnit(
  data: { activityId: string; name: string; startTime: string; endTime: string; capacity: number },
  scope: StaffScope,
) {
  await assertActivityInScope(db, scope, data.activityId);
  try {
    const count = await db.timeUnit.count({ where: { activityId: data.activityId } });
    return await db.timeUnit.create({ data: { ...data, sortOrder: count }, select: { id: true } });
  } catch (error) {
    if (isPrismaError(error, "P2002")) fieldError("name", "Nom de l'unité : une unité porte déjà ce nom.");
    if (isPrismaError(error, "P2003")) throw new NotFoundError();
    throw error;
  }
}

export async function deleteTimeUnit(unitId: string, scope: StaffScope): Promise<void> {
  await assertInScope(scope, (s) => db.timeUnit.findFirst({ where: { id: unitId, ...s.byActivity }, select: { id: true } }));
  const unit = await db.timeUnit.findUnique({ where: { id: unitId }, select: { _count: { select: { reservations: true } } } });
  if (!unit) throw new NotFoundError();
  if (unit._count.reservations > 0)
    throw new UserFacingError(`Cette unité a ${count(unit._count.reservations, "réservation")} : elle ne peut pas être supprimée.`);
  await db.timeUnit.delete({ where: { id: unitId } });
}
