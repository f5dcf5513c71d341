import "server-only";
import { familyChildWhere } from "@/lib/families/foyers";
import { db } from "@/lib/db";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { CHILD_STATUSES, statusIn } from "@/lib/workflow";

/** The successive lists of « Nouvelle inscription »: lieu → type d'accueil → activité → période. */
export async function inscriptionChoices(input: {
  familyId: string;
  structureId?: string;
  careTypeId?: string;
  activityId?: string;
  now?: Date;
}) {
  const today = dateOf(parisDay(input.now ?? new Date()));
  const [children, structures, careTypes, activities, periods] = await Promise.all([
    db.child.findMany({
      // A child awaiting the structure's check is offered too: the request is prepared and sent at the validation (ADR 037).
      where: { ...familyChildWhere(input.familyId), status: statusIn(CHILD_STATUSES.ON_FILE) },
      orderBy: { birthDate: "asc" },
      select: { id: true, firstName: true, lastName: true, status: true },
    }),
    db.structure.findMany({
      where: { activities: { some: { isPublished: true } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    }),
    input.structureId
      ? db.careType.findMany({
          where: { structureId: input.structureId, activities: { some: { isPublished: true } } },
          orderBy: { name: "asc" },
          select: { id: true, name: true },
        })
      : [],
    input.structureId && input.careTypeId
      ? db.activity.findMany({
          where: { structureId: input.structureId, careTypeId: input.careTypeId, isPublished: true },
          orderBy: { name: "asc" },
          select: { id: true, name: true },
        })
      : [],
    input.activityId
      ? db.period.findMany({
          where: { activityId: input.activityId, endDate: { gte: today } },
          orderBy: { startDate: "asc" },
          select: { id: true, name: true, startDate: true, endDate: true },
        })
      : [],
  ]);
  return { children, structures, careTypes, activities, periods };
}
