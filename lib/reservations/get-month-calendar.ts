import "server-only";
import { cancelledSlots } from "./slots";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { deadlineFor, parseDeadline } from "@/lib/calendar/deadlines";
import { dateOf, dayOf, firstOf, isMonth, lastOf, monthOf, nextMonth, parisDay, previousMonth } from "@/lib/calendar/paris";
import { formatDateTime, formatHours } from "@/lib/format";
import { RESERVATION_STATUSES, isIn, allowedActions, statusIn } from "@/lib/workflow";
import type { ReservationStatus } from "@/lib/generated/prisma/enums";
import { bookingBlocked, type Blocked } from "./availability";
import { unitPrice } from "./pricing";
import { quotientsOf } from "@/lib/billing/set-quotient";
import type { UnitRule } from "./unit-rules";

/** The family's calendars, everywhere in the same order: the eldest child first, then by activity and dates. */
export const LANE_ORDER = [
  { child: { birthDate: "asc" } },
  { activity: { name: "asc" } },
  { startDate: "asc" },
] as const satisfies Prisma.InscriptionOrderByWithRelationInput[];

/** « Plus que 3 places » is said only when few remain. */
export const FEW_PLACES = 3;

export interface LaneUnit {
  id: string;
  name: string;
  hours: string;
  /** The family's price for one unit (its QF bracket), in cents; null without tariffs. */
  priceCents: number | null;
}

/** A unit as a family sees it: its hours (« 8 h 30 – 13 h 30 », formatHours) and its price for the family's QF. */
export function laneUnit(
  unit: {
    id: string;
    name: string;
    startTime: string;
    endTime: string;
    tariffs: { qfMin: number; qfMax: number | null; priceCents: number }[];
  },
  quotientFamilial: number | null,
): LaneUnit {
  return {
    id: unit.id,
    name: unit.name,
    hours: formatHours(unit.startTime, unit.endTime),
    priceCents: unitPrice(unit.tariffs, quotientFamilial),
  };
}

/** One validated inscription: a child in an activity, with its units in their configured order. */
export interface CalendarLane {
  inscriptionId: string;
  /** The child (the family view's filter by child). */
  childId: string;
  childFirstName: string;
  activityName: string;
  periodName: string;
  startDay: string;
  endDay: string;
  automatic: boolean;
  units: LaneUnit[];
  /** The rules between its units (the screen warns before sending a selection that breaks one). */
  rules: UnitRule[];
}

/**
 * Every cell is in exactly one state of SPEC.md §2 (« demande sélectionnée » is the screen's own,
 * before sending). Kept small: the screen receives a month of them for every child.
 */
export type CellState =
  | { kind: "FREE"; placesLeft: number | null }
  | { kind: "FULL"; waiting: number }
  | { kind: "BLOCKED"; reason: Blocked }
  | {
      kind: "BOOKED";
      reservationId: string;
      status: ReservationStatus;
      /** Position on the waiting list (WAITLISTED). */
      position: number | null;
      reason: string | null;
      /** What the parent may do now. */
      can: { cancel: boolean; withdraw: boolean };
    };

/** One lane (inscription) on one day: its deadlines that day, and one cell per unit, in the lane's order. */
export interface LaneDay {
  bookUntil: string;
  cancelUntil: string;
  /** Would a cancellation asked now be excused? */
  cancelInTime: boolean;
  cells: CellState[];
  /**
   * Each unit's price that day, in cells' order: the tariff for the quotient familial in force that day, as the
   * invoice prices it (set-quotient.ts history) — a quotient changed mid-month changes the cells after it.
   */
  prices: (number | null)[];
}

export interface CalendarDay {
  day: string;
  /** One entry per lane; null when the lane's activity is not open that day (family view). */
  lanes: (LaneDay | null)[];
}

export interface MonthCalendar {
  month: string;
  previous: string | null;
  next: string | null;
  lanes: CalendarLane[];
  days: CalendarDay[];
  /** Closures of the month (holidays, public holidays) for the lanes' structures, said under the grid. */
  closures: { label: string; start: string; end: string }[];
}

export { isMonth };

/**
 * The month calendar of « Mes réservations »: one inscription (`inscriptionId`)
 * or the family view (all validated inscriptions of the family's children).
 * Null when the inscription is not one of the family's validated ones.
 */
export async function getMonthCalendar(input: {
  familyId: string;
  inscriptionId: string | null;
  month?: string;
  now?: Date;
}): Promise<MonthCalendar | null> {
  const now = input.now ?? new Date();
  const today = parisDay(now);
  const inscriptions = await db.inscription.findMany({
    where: { familyId: input.familyId, status: "VALIDATED", ...(input.inscriptionId ? { id: input.inscriptionId } : {}) },
    orderBy: LANE_ORDER,
    select: {
      id: true,
      startDate: true,
      endDate: true,
      periodId: true,
      child: { select: { id: true, firstName: true } },
      family: { select: { quotientFamilial: true } },
      period: { select: { name: true } },
      ageGroup: { select: { id: true, unitCapacity: true } },
      activity: {
        select: {
          name: true,
          structureId: true,
          reservationValidation: true,
          bookingDeadline: true,
          cancellationDeadline: true,
          timeUnits: {
            orderBy: [{ sortOrder: "asc" }, { startTime: "asc" }],
            select: {
              id: true,
              name: true,
              startTime: true,
              endTime: true,
              capacity: true,
              tariffs: { select: { qfMin: true, qfMax: true, priceCents: true } },
            },
          },
        },
      },
    },
  });
  if (inscriptions.length === 0)
    return input.inscriptionId ? null : { month: monthOf(today), previous: null, next: null, lanes: [], days: [], closures: [] };

  const firstMonth = monthOf(dayOf(inscriptions.reduce((a, b) => (a.startDate < b.startDate ? a : b)).startDate));
  const lastMonth = monthOf(dayOf(inscriptions.reduce((a, b) => (a.endDate > b.endDate ? a : b)).endDate));
  const clamp = (m: string) => (m < firstMonth ? firstMonth : m > lastMonth ? lastMonth : m);
  const month = clamp(isMonth(input.month) ? input.month : monthOf(today));
  const from = dateOf(firstOf(month));
  const to = dateOf(lastOf(month));

  const unitIds = inscriptions.flatMap((i) => i.activity.timeUnits.map((u) => u.id));
  // A group with its own places per unit and day: its places taken, per slot (read only when one is set).
  const limitedGroups = [...new Set(inscriptions.flatMap((i) => (i.ageGroup?.unitCapacity != null ? [i.ageGroup.id] : [])))];
  // Every read of the month at once: they depend only on the inscriptions (ADR 048).
  const [opening, reservations, usage, overrides, waiting, closures, rules, cancelled, quotientOn, groupUsage] = await Promise.all([
    db.openingDay.findMany({
      where: { periodId: { in: inscriptions.map((i) => i.periodId) }, date: { gte: from, lte: to } },
      select: { periodId: true, date: true },
    }),
    db.reservation.findMany({
      where: { inscriptionId: { in: inscriptions.map((i) => i.id) }, date: { gte: from, lte: to } },
      select: { id: true, inscriptionId: true, timeUnitId: true, date: true, status: true, reason: true, waitlistRank: true },
    }),
    db.reservation.groupBy({
      by: ["timeUnitId", "date"],
      where: { timeUnitId: { in: unitIds }, date: { gte: from, lte: to }, status: statusIn(RESERVATION_STATUSES.HOLDS_PLACE) },
      _count: { _all: true },
    }),
    db.capacityOverride.findMany({
      where: { timeUnitId: { in: unitIds }, date: { gte: from, lte: to } },
      select: { timeUnitId: true, date: true, capacity: true },
    }),
    db.reservation.findMany({
      where: { timeUnitId: { in: unitIds }, date: { gte: from, lte: to }, status: "WAITLISTED" },
      select: { timeUnitId: true, date: true, waitlistRank: true },
    }),
    db.calendarException.findMany({
      where: {
        structureId: { in: [...new Set(inscriptions.map((i) => i.activity.structureId))] },
        startDate: { lte: to },
        endDate: { gte: from },
      },
      orderBy: { startDate: "asc" },
      select: { label: true, startDate: true, endDate: true },
    }),
    db.timeUnitRule.findMany({ where: { unitId: { in: unitIds } }, select: { kind: true, unitId: true, otherUnitId: true } }),
    cancelledSlots(db, unitIds, firstOf(month), lastOf(month)),
    quotientsOf(db, [input.familyId]),
    Promise.all(
      limitedGroups.map(
        async (groupId) =>
          [
            groupId,
            await db.reservation.groupBy({
              by: ["timeUnitId", "date"],
              where: {
                timeUnitId: { in: unitIds },
                date: { gte: from, lte: to },
                status: statusIn(RESERVATION_STATUSES.HOLDS_PLACE),
                inscription: { ageGroupId: groupId },
              },
              _count: { _all: true },
            }),
          ] as const,
      ),
    ),
  ]);
  const groupTaken = new Map(
    groupUsage.flatMap(([groupId, rows]) => rows.map((r) => [`${groupId}|${r.timeUnitId}|${dayOf(r.date)}`, r._count._all] as const)),
  );
  const slot = (unitId: string, day: string) => `${unitId}|${day}`;
  const taken = new Map(usage.map((u) => [slot(u.timeUnitId, dayOf(u.date)), u._count._all]));
  const capacityOverride = new Map(overrides.map((o) => [slot(o.timeUnitId, dayOf(o.date)), o.capacity]));
  const waitingRanks = new Map<string, number[]>();
  for (const w of waiting)
    waitingRanks.set(slot(w.timeUnitId, dayOf(w.date)), [
      ...(waitingRanks.get(slot(w.timeUnitId, dayOf(w.date))) ?? []),
      w.waitlistRank ?? 0,
    ]);
  const isOpening = new Set(opening.map((o) => `${o.periodId}|${dayOf(o.date)}`));
  const booked = new Map(reservations.map((r) => [`${r.inscriptionId}|${r.timeUnitId}|${dayOf(r.date)}`, r]));

  const lanes: CalendarLane[] = inscriptions.map((i) => ({
    inscriptionId: i.id,
    childId: i.child.id,
    childFirstName: i.child.firstName,
    activityName: i.activity.name,
    periodName: i.period.name,
    startDay: dayOf(i.startDate),
    endDay: dayOf(i.endDate),
    automatic: i.activity.reservationValidation === "AUTOMATIC",
    units: i.activity.timeUnits.map((u) => laneUnit(u, i.family.quotientFamilial)),
    rules: rules.filter((r) => i.activity.timeUnits.some((u) => u.id === r.unitId)),
  }));

  const dayList = [
    ...new Set([
      ...opening.map((o) => dayOf(o.date)),
      ...reservations.filter((r) => isIn(RESERVATION_STATUSES.LIVE, r.status)).map((r) => dayOf(r.date)),
    ]),
  ].sort();
  const days: CalendarDay[] = dayList.map((day) => ({
    day,
    lanes: inscriptions.map((i) => {
      const open = isOpening.has(`${i.periodId}|${day}`);
      // Each deadline once per lane and day (a Paris wall-clock time: computing it costs more than the cells).
      const bookUntil = deadlineFor(parseDeadline(i.activity.bookingDeadline)!, day);
      const cancelUntil = deadlineFor(parseDeadline(i.activity.cancellationDeadline)!, day);
      const units = i.activity.timeUnits;
      const hasAny = units.some(
        (u) => booked.has(`${i.id}|${u.id}|${day}`) && isIn(RESERVATION_STATUSES.LIVE, booked.get(`${i.id}|${u.id}|${day}`)!.status),
      );
      if (!open && !hasAny && inscriptions.length > 1) return null;
      const cells = units.map((u): CellState => {
        const found = booked.get(`${i.id}|${u.id}|${day}`);
        if (found && !isIn(RESERVATION_STATUSES.ASKABLE_AGAIN, found.status)) {
          const ranks = waitingRanks.get(slot(u.id, day)) ?? [];
          const future = day >= today;
          return {
            kind: "BOOKED",
            reservationId: found.id,
            status: found.status,
            position:
              isIn(RESERVATION_STATUSES.ON_WAITING_LIST, found.status) && found.waitlistRank !== null
                ? ranks.filter((r) => r <= found.waitlistRank!).length
                : null,
            reason: found.reason,
            can: {
              cancel: allowedActions("RESERVATION", found.status, "PARENT").requestCancellation && future,
              withdraw: future && isIn(RESERVATION_STATUSES.AWAITING_DECISION, found.status),
            },
          };
        }
        // A unit the structure cancelled that day (exceptional day) is closed on every calendar.
        const blocked = bookingBlocked({
          day,
          isOpeningDay: open && !cancelled.has(slot(u.id, day)),
          inscription: { startDay: dayOf(i.startDate), endDay: dayOf(i.endDate) },
          bookUntil,
          now,
          today,
        });
        if (blocked) return { kind: "BLOCKED", reason: blocked };
        const capacity = capacityOverride.get(slot(u.id, day)) ?? u.capacity;
        const unitLeft = capacity - (taken.get(slot(u.id, day)) ?? 0);
        const group = i.ageGroup?.unitCapacity != null ? i.ageGroup : null;
        const groupLeft = group ? group.unitCapacity! - (groupTaken.get(`${group.id}|${u.id}|${day}`) ?? 0) : Infinity;
        const left = Math.max(0, Math.min(unitLeft, groupLeft));
        if (left === 0) return { kind: "FULL", waiting: (waitingRanks.get(slot(u.id, day)) ?? []).length };
        return { kind: "FREE", placesLeft: left <= FEW_PLACES ? left : null };
      });
      return {
        bookUntil: formatDateTime(bookUntil),
        cancelUntil: formatDateTime(cancelUntil),
        cancelInTime: now.getTime() <= cancelUntil.getTime(),
        cells,
        prices: units.map((u) => unitPrice(u.tariffs, quotientOn(input.familyId, day))),
      };
    }),
  }));

  return {
    month,
    previous: month > firstMonth ? previousMonth(month) : null,
    next: month < lastMonth ? nextMonth(month) : null,
    lanes,
    days,
    closures: [
      ...closures.map((c) => ({ label: c.label, start: dayOf(c.startDate), end: dayOf(c.endDate) })),
      ...exceptionalDays(
        inscriptions.map((i) => i.activity),
        cancelled,
      ),
    ].sort((a, b) => a.start.localeCompare(b.start)),
  };
}

/**
 * The exceptional days of the month, one line per activity, day and reason, for the list under the grid:
 * « Grève — accueil annulé par la structure (toute la journée) », or with the units cancelled.
 */
function exceptionalDays(activities: { timeUnits: { id: string; name: string }[] }[], cancelled: Map<string, string>) {
  const lines = new Map<string, { day: string; reason: string; units: string[]; all: number }>();
  const seen = new Set<string>();
  for (const activity of activities) {
    const key0 = activity.timeUnits.map((u) => u.id).join(",");
    if (seen.has(key0)) continue; // two children in the same activity: one line
    seen.add(key0);
    for (const unit of activity.timeUnits) {
      for (const [key, reason] of cancelled) {
        const [unitId, day] = key.split("|") as [string, string];
        if (unitId !== unit.id) continue;
        const at = `${key0}|${day}|${reason}`;
        const line = lines.get(at) ?? { day, reason, units: [], all: activity.timeUnits.length };
        line.units.push(unit.name);
        lines.set(at, line);
      }
    }
  }
  return [...lines.values()].map((l) => ({
    label: `${l.reason} — accueil annulé par la structure (${l.units.length === l.all ? "toute la journée" : l.units.join(", ")})`,
    start: l.day,
    end: l.day,
  }));
}

/** The calendars a family can open: each validated inscription (the family view shows them all). */
export async function listCalendarChoices(familyId: string) {
  const rows = await db.inscription.findMany({
    where: { familyId, status: "VALIDATED" },
    orderBy: LANE_ORDER,
    select: { id: true, child: { select: { firstName: true } }, activity: { select: { name: true } }, period: { select: { name: true } } },
  });
  return rows.map((r) => ({
    inscriptionId: r.id,
    childFirstName: r.child.firstName,
    activityName: r.activity.name,
    periodName: r.period.name,
  }));
}
