import "server-only";
import { db, isPrismaError } from "@/lib/db";
import { addDays, dateOf, dayOf, parisDay, weekdayOf } from "@/lib/calendar/paris";
import { NotFoundError, UserFacingError } from "@/lib/workflow";
import type { PeriodData } from "./schemas";

/** Reservation states that hold a place or a record a closure must not erase. */
const LIVE_RESERVATIONS = ["REQUESTED", "WAITLISTED", "RESERVED", "CANCELLATION_REQUESTED", "PRESENT", "ABSENT_BILLED", "INVOICED"] as const;

function field(name: string, message: string): never {
  throw new UserFacingError(message, { [name]: message });
}

/**
 * A period of an activity and its opening days: the ticked weekdays between
 * the two dates, less the structure's closures and public holidays, and less
 * school holidays unless the period runs during them.
 */
export async function addPeriod(data: PeriodData, today: string = parisDay(new Date())): Promise<{ id: string; openingDays: number }> {
  if (data.endDate < today) field("endDate", "Date de fin : cette période est déjà terminée.");
  return db.$transaction(async (tx) => {
    const activity = await tx.activity.findUnique({ where: { id: data.activityId }, select: { structureId: true } });
    if (!activity) throw new NotFoundError();
    const overlapping = await tx.period.findFirst({
      where: { activityId: data.activityId, startDate: { lte: dateOf(data.endDate) }, endDate: { gte: dateOf(data.startDate) } },
      select: { name: true },
    });
    if (overlapping) field("startDate", `Dates : elles chevauchent la période « ${overlapping.name} » de cette activité.`);
    if (await tx.period.findFirst({ where: { activityId: data.activityId, name: data.name }, select: { id: true } })) {
      field("name", "Nom de la période : une période porte déjà ce nom.");
    }
    const exceptions = await tx.calendarException.findMany({
      where: { structureId: activity.structureId, startDate: { lte: dateOf(data.endDate) }, endDate: { gte: dateOf(data.startDate) } },
      select: { kind: true, startDate: true, endDate: true },
    });
    const closed = (day: string) =>
      exceptions.some((e) => day >= dayOf(e.startDate) && day <= dayOf(e.endDate) && (e.kind !== "VACANCES_SCOLAIRES" || data.inHolidays === "non"));
    const weekdays = new Set(data.weekdays.map(Number));
    const days: string[] = [];
    for (let day = data.startDate; day <= data.endDate; day = addDays(day, 1)) {
      if (weekdays.has(weekdayOf(day)) && !closed(day)) days.push(day);
    }
    if (days.length === 0) field("weekdays", "Jours d'ouverture : aucun jour ouvert avec ces dates (vacances ou fermetures).");
    const period = await tx.period.create({
      data: { activityId: data.activityId, name: data.name, startDate: dateOf(data.startDate), endDate: dateOf(data.endDate) },
      select: { id: true },
    });
    await tx.openingDay.createMany({ data: days.map((day) => ({ periodId: period.id, date: dateOf(day) })) });
    return { id: period.id, openingDays: days.length };
  });
}

export async function deletePeriod(periodId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const period = await tx.period.findUnique({ where: { id: periodId }, select: { _count: { select: { inscriptions: true } } } });
    if (!period) throw new NotFoundError();
    if (period._count.inscriptions > 0) {
      throw new UserFacingError(`Cette période a ${period._count.inscriptions} inscription(s) : elle ne peut pas être supprimée.`);
    }
    await tx.period.delete({ where: { id: periodId } });
  });
}

export async function addAgeGroup(data: { activityId: string; name: string; minYears: number | null; maxYears: number | null; capacity: number | null }) {
  try {
    return await db.ageGroup.create({
      data: {
        activityId: data.activityId,
        name: data.name,
        minAgeMonths: data.minYears === null ? null : data.minYears * 12,
        maxAgeMonths: data.maxYears === null ? null : data.maxYears * 12 - 1,
        capacity: data.capacity,
      },
      select: { id: true },
    });
  } catch (error) {
    if (isPrismaError(error, "P2002")) field("name", "Nom du groupe : un groupe porte déjà ce nom.");
    if (isPrismaError(error, "P2003")) throw new NotFoundError();
    throw error;
  }
}

export async function deleteAgeGroup(groupId: string): Promise<void> {
  const group = await db.ageGroup.findUnique({ where: { id: groupId }, select: { _count: { select: { inscriptions: true } } } });
  if (!group) throw new NotFoundError();
  if (group._count.inscriptions > 0) throw new UserFacingError(`Ce groupe a ${group._count.inscriptions} inscription(s) : il ne peut pas être supprimé.`);
  await db.ageGroup.delete({ where: { id: groupId } });
}

export async function addTimeUnit(data: { activityId: string; name: string; startTime: string; endTime: string; capacity: number }) {
  try {
    const count = await db.timeUnit.count({ where: { activityId: data.activityId } });
    return await db.timeUnit.create({ data: { ...data, sortOrder: count }, select: { id: true } });
  } catch (error) {
    if (isPrismaError(error, "P2002")) field("name", "Nom de l'unité : une unité porte déjà ce nom.");
    if (isPrismaError(error, "P2003")) throw new NotFoundError();
    throw error;
  }
}

export async function deleteTimeUnit(unitId: string): Promise<void> {
  const unit = await db.timeUnit.findUnique({ where: { id: unitId }, select: { _count: { select: { reservations: true } } } });
  if (!unit) throw new NotFoundError();
  if (unit._count.reservations > 0) throw new UserFacingError(`Cette unité a ${unit._count.reservations} réservation(s) : elle ne peut pas être supprimée.`);
  await db.timeUnit.delete({ where: { id: unitId } });
}

/** Replaces the tariff brackets of a unit (validated contiguous by the schema). */
export async function setTariffs(timeUnitId: string, brackets: { qfMin: number; qfMax: number | null; price: number }[]) {
  await db.$transaction(async (tx) => {
    if (!(await tx.timeUnit.findUnique({ where: { id: timeUnitId }, select: { id: true } }))) throw new NotFoundError();
    await tx.tariff.deleteMany({ where: { timeUnitId } });
    await tx.tariff.createMany({ data: brackets.map((b) => ({ timeUnitId, qfMin: b.qfMin, qfMax: b.qfMax, priceCents: b.price })) });
  });
}

/** Places of one unit on one day; never below what is already booked that day. */
export async function setCapacityOverride(data: { timeUnitId: string; date: string; capacity: number }) {
  await db.$transaction(async (tx) => {
    if (!(await tx.timeUnit.findUnique({ where: { id: data.timeUnitId }, select: { id: true } }))) throw new NotFoundError();
    const booked = await tx.reservation.count({
      where: { timeUnitId: data.timeUnitId, date: dateOf(data.date), status: { in: ["RESERVED", "CANCELLATION_REQUESTED", "PRESENT", "ABSENT_BILLED", "INVOICED"] } },
    });
    if (data.capacity < booked) field("capacity", `Places ce jour-là : ${booked} place(s) sont déjà réservées ce jour-là.`);
    await tx.capacityOverride.upsert({
      where: { timeUnitId_date: { timeUnitId: data.timeUnitId, date: dateOf(data.date) } },
      create: { timeUnitId: data.timeUnitId, date: dateOf(data.date), capacity: data.capacity },
      update: { capacity: data.capacity },
    });
  });
}

export async function createStructure(data: { name: string; street: string | null; postalCode: string | null; city: string | null }) {
  try {
    return await db.structure.create({ data, select: { id: true } });
  } catch (error) {
    if (isPrismaError(error, "P2002")) field("name", "Nom du lieu d'accueil : ce lieu existe déjà.");
    throw error;
  }
}

/**
 * School holidays, public holidays and closures of a structure. A closure or a
 * public holiday removes the opening days it covers — refused while
 * reservations exist on those days.
 */
export async function addCalendarException(data: { structureId: string; kind: "VACANCES_SCOLAIRES" | "JOUR_FERIE" | "FERMETURE"; label: string; startDate: string; endDate: string }) {
  await db.$transaction(async (tx) => {
    if (!(await tx.structure.findUnique({ where: { id: data.structureId }, select: { id: true } }))) throw new NotFoundError();
    const range = { gte: dateOf(data.startDate), lte: dateOf(data.endDate) };
    if (data.kind !== "VACANCES_SCOLAIRES") {
      const booked = await tx.reservation.count({
        where: { date: range, status: { in: [...LIVE_RESERVATIONS] }, timeUnit: { activity: { structureId: data.structureId } } },
      });
      if (booked > 0) {
        throw new UserFacingError(`${booked} réservation(s) existent sur ces jours : annulez-les avant de fermer l'accueil.`);
      }
      await tx.openingDay.deleteMany({ where: { date: range, period: { activity: { structureId: data.structureId } } } });
    }
    await tx.calendarException.create({
      data: { structureId: data.structureId, kind: data.kind, label: data.label, startDate: dateOf(data.startDate), endDate: dateOf(data.endDate) },
    });
  });
}

export async function listStructures() {
  return db.structure.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true, name: true, city: true,
      calendarDays: { orderBy: { startDate: "asc" }, select: { id: true, kind: true, label: true, startDate: true, endDate: true } },
      _count: { select: { activities: true } },
    },
  });
}
