import "server-only";
import { db } from "@/lib/db";
import {
  dateOf,
  dayOf,
  eachDay,
  firstOf,
  isMonth,
  lastOf,
  monthOf,
  nextMonth,
  parisDay,
  previousMonth,
  weekdayOf,
} from "@/lib/calendar/paris";
import { DAY_RANGES, monthInRange } from "@/lib/forms/date-ranges";
import { RESERVATION_STATUSES, statusIn, isIn } from "@/lib/workflow";
import { cancelledSlots, slotKey, slotUsage } from "./slots";

export interface OccupancyCell {
  booked: number;
  capacity: number;
  waiting: number;
  /** The structure cancelled this unit that day (exceptional day): its reason. */
  cancelled: string | null;
}

/**
 * « Occupation »: for one activity and one month, each opening day × unit with
 * its places booked, its places (the day's override, else the unit's) and its
 * waiting list — one grouped count for the month, not one per cell.
 */
export async function getOccupancy(activityId: string, requestedMonth: string | undefined, today = parisDay(new Date())) {
  const activity = await db.activity.findUnique({
    where: { id: activityId },
    select: {
      id: true,
      name: true,
      structureId: true,
      timeUnits: {
        orderBy: [{ sortOrder: "asc" }, { startTime: "asc" }],
        select: { id: true, name: true, startTime: true, endTime: true, capacity: true },
      },
      periods: { select: { startDate: true, endDate: true } },
    },
  });
  if (!activity) return null;
  // A month from the URL: out of the filters' range (« 9999-12 ») is no month asked.
  const month = isMonth(requestedMonth) && monthInRange(requestedMonth, DAY_RANGES.filter, today) ? requestedMonth : monthOf(today);
  const [from, to] = [firstOf(month), lastOf(month)];
  const unitIds = activity.timeUnits.map((u) => u.id);
  const range = { gte: dateOf(from), lte: dateOf(to) };
  const [opening, usage, cancelled, weekdays, closures] = await Promise.all([
    db.openingDay.findMany({
      where: { period: { activityId }, date: range },
      distinct: ["date"],
      orderBy: { date: "asc" },
      select: { date: true },
    }),
    slotUsage(db, unitIds, range),
    cancelledSlots(db, unitIds, from, to),
    // The weekdays the activity opens on (any period), for the closed days shown greyed.
    db.$queryRaw<
      { dow: number }[]
    >`SELECT DISTINCT EXTRACT(DOW FROM o."date")::int AS dow FROM "OpeningDay" o JOIN "Period" p ON p."id" = o."periodId" WHERE p."activityId" = ${activityId}`,
    db.calendarException.findMany({
      where: { structureId: activity.structureId, startDate: { lte: dateOf(to) }, endDate: { gte: dateOf(from) } },
      select: { label: true, startDate: true, endDate: true },
    }),
  ]);
  const openDays = new Set(opening.map((o) => dayOf(o.date)));
  const inPeriod = (day: string) => activity.periods.some((p) => dayOf(p.startDate) <= day && day <= dayOf(p.endDate));
  const closed = new Map<string, string>();
  for (const c of closures) {
    for (const day of eachDay(dayOf(c.startDate) < from ? from : dayOf(c.startDate), dayOf(c.endDate) < to ? dayOf(c.endDate) : to)) {
      if (!openDays.has(day) && inPeriod(day) && weekdays.some((w) => w.dow === weekdayOf(day))) closed.set(day, c.label);
    }
  }
  const days = [...openDays, ...closed.keys()].sort().map((day) => ({
    day,
    /** A closure (holidays, public holiday) on a day the activity usually opens: shown greyed, no cells. */
    closed: closed.get(day) ?? null,
    cells: closed.has(day)
      ? []
      : activity.timeUnits.map((u): OccupancyCell => {
          const k = slotKey({ timeUnitId: u.id, day });
          return { ...usage(u.id, day, u.capacity), cancelled: cancelled.get(k) ?? null };
        }),
  }));
  const first = activity.periods.reduce<string | null>((a, p) => (a === null || dayOf(p.startDate) < a ? dayOf(p.startDate) : a), null);
  const last = activity.periods.reduce<string | null>((a, p) => (a === null || dayOf(p.endDate) > a ? dayOf(p.endDate) : a), null);
  return {
    activity: { id: activity.id, name: activity.name },
    units: activity.timeUnits,
    month,
    previous: first && previousMonth(month) >= monthOf(first) ? previousMonth(month) : null,
    next: last && nextMonth(month) <= monthOf(last) ? nextMonth(month) : null,
    days,
  };
}

/** One cell of the grid: the children booked (then those waiting, in their order), each with a link to the family. */
export async function getSlotChildren(timeUnitId: string, day: string) {
  const rows = await db.reservation.findMany({
    where: {
      timeUnitId,
      date: dateOf(day),
      status: statusIn([...RESERVATION_STATUSES.HOLDS_PLACE, ...RESERVATION_STATUSES.POINTED, "WAITLISTED", "CANCELLED"]),
    },
    orderBy: [{ waitlistRank: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      status: true,
      waitlistRank: true,
      inscription: {
        select: {
          family: { select: { id: true, name: true } },
          child: { select: { firstName: true, lastName: true } },
          ageGroup: { select: { name: true } },
        },
      },
    },
  });
  const toRow = (r: (typeof rows)[number]) => ({
    id: r.id,
    status: r.status,
    family: r.inscription.family,
    child: r.inscription.child,
    group: r.inscription.ageGroup?.name ?? null,
  });
  return {
    booked: rows
      .filter((r) => !isIn(RESERVATION_STATUSES.ON_WAITING_LIST, r.status))
      .map(toRow)
      .sort((a, b) => a.child.lastName.localeCompare(b.child.lastName, "fr") || a.child.firstName.localeCompare(b.child.firstName, "fr")),
    waiting: rows.filter((r) => isIn(RESERVATION_STATUSES.ON_WAITING_LIST, r.status)).map((r, i) => ({ ...toRow(r), position: i + 1 })),
  };
}
