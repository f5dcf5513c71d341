import { count } from "@/lib/format";
import "server-only";
import { assertActivityInScope, assertInScope, type StaffScope } from "@/lib/auth/staff-scope";
import { db, isPrismaError } from "@/lib/db";
import { fieldError, UserFacingError } from "@/lib/errors";
import { NotFoundError } from "@/lib/workflow";

/** The groups of an activity (Maternelle, Élémentaire…), set by staff. */
export async function addAgeGroup(
  data: {
    activityId: string;
    name: string;
    minYears: number | null;
    maxYears: number | null;
    capacity: number | null;
    unitCapacity?: number | null;
  },
  scope: StaffScope,
) {
  await assertActivityInScope(db, scope, data.activityId);
  try {
    return await db.ageGroup.create({
      data: {
        activityId: data.activityId,
        name: data.name,
        minAgeMonths: data.minYears === null ? null : data.minYears * 12,
        maxAgeMonths: data.maxYears === null ? null : data.maxYears * 12 - 1,
        capacity: data.capacity,
        unitCapacity: data.unitCapacity ?? null,
      },
      select: { id: true },
    });
  } catch (error) {
    if (isPrismaError(error, "P2002")) fieldError("name", "Nom du groupe : un groupe porte déjà ce nom.");
    if (isPrismaError(error, "P2003")) throw new NotFoundError();
    throw error;
  }
}

export async function deleteAgeGroup(groupId: string, scope: StaffScope): Promise<void> {
  await assertInScope(scope, (s) => db.ageGroup.findFirst({ where: { id: groupId, ...s.byActivity }, select: { id: true } }));
  const group = await db.ageGroup.findUnique({ where: { id: groupId }, select: { _count: { select: { inscriptions: true } } } });
  if (!group) throw new NotFoundError();
  if (group._count.inscriptions > 0)
    throw new UserFacingError(`Ce groupe a ${count(group._count.inscriptions, "inscription")} : il ne peut pas être supprimé.`);
  await db.ageGroup.delete({ where: { id: groupId } });
}
