import { count } from "@/lib/format";
import "server-only";
import { assertActivityInScope, assertInScope, type StaffScope } from "@/lib/auth/staff-scope";
import { transaction } from "@/lib/db";
import { dateOf, dayOf, eachDay, weekdayOf } from "@/lib/calendar/paris";
import { DAY_RANGES, dayRangeMessage } from "@/lib/forms/date-ranges";
import { fieldError, UserFacingError } from "@/lib/errors";
import { NotFoundError } from "@/lib/workflow";
import type { PeriodData } from "./schemas";

/**
 * A period of an activity and its opening days: the ticked weekdays between
 * the two dates, less the structure's closures and public holidays, and less
 * school holidays unless the period runs during them.
 */
export async function addPeriod(data: PeriodData, today: string, scope: StaffScope): Promise<{ id: string; openingDays: number }> {
  // The form's ranges again (a script or a test calls this directly): never a period of thousands of years.
  const startWrong = dayRangeMessage("Date de début", data.startDate, DAY_RANGES.planning, today);
  if (startWrong) fieldError("startDate", startWrong);
  const endWrong = dayRangeMessage("Date de fin", data.endDate, DAY_RANGES.periodEnd, today);
  if (endWrong) fieldError("endDate", endWrong);
  return transaction(async (tx) => {
    await assertActivityInScope(tx, scope, data.activityId);
    const activity = await tx.activity.findUnique({ where: { id: data.activityId }, select: { structureId: true } });
    if (!activity) throw new NotFoundError();
    const overlapping = await tx.period.findFirst({
      where: { activityId: data.activityId, startDate: { lte: dateOf(data.endDate) }, endDate: { gte: dateOf(data.startDate) } },
      select: { name: true },
    });
    if (overlapping) fieldError("startDate", `Dates : elles chevauchent la période « ${overlapping.name} » de cette activité.`);
    if (await tx.period.findFirst({ where: { activityId: data.activityId, name: data.name }, select: { id: true } })) {
      fieldError("name", "Nom de la période : une période porte déjà ce nom.");
    }
    const exceptions = await tx.calendarException.findMany({
      where: { structureId: activity.structureId, startDate: { lte: dateOf(data.endDate) }, endDate: { gte: dateOf(data.startDate) } },
      select: { kind: true, startDate: true, endDate: true },
    });
    const closed = (day: string) =>
      exceptions.some(
        (e) => day >= dayOf(e.startDate) && day <= dayOf(e.endDate) && (e.kind !== "VACANCES_SCOLAIRES" || data.inHolidays === "non"),
      );
    const weekdays = new Set(data.weekdays.map(Number));
    const days = eachDay(data.startDate, data.endDate).filter((day) => weekdays.has(weekdayOf(day)) && !closed(day));
    if (days.length === 0) fieldError("weekdays", "Jours d'ouverture : aucun jour ouvert avec ces dates (vacances ou fermetures).");
    const period = await tx.period.create({
      data: { activityId: data.activityId, name: data.name, startDate: dateOf(data.startDate), endDate: dateOf(data.endDate) },
      select: { id: true },
    });
    await tx.openingDay.createMany({ data: days.map((day) => ({ periodId: period.id, date: dateOf(day) })) });
    return { id: period.id, openingDays: days.length };
  });
}

export async function deletePeriod(periodId: string, scope: StaffScope): Promise<void> {
  await transaction(async (tx) => {
    await assertInScope(scope, (s) => tx.period.findFirst({ where: { id: periodId, ...s.byActivity }, select: { id: true } }));
    const period = await tx.period.findUnique({ where: { id: periodId }, select: { _count: { select: { inscriptions: true } } } });
    if (!period) throw new NotFoundError();
    if (period._count.inscriptions > 0) {
      throw new UserFacingError(`Cette période a ${count(period._count.inscriptions, "inscription")} : elle ne peut pas être supprimée.`);
    }
    await tx.period.delete({ where: { id: periodId } });
  });
}
