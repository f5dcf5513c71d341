import "server-only";
import { slotKey } from "./slots";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { deadlineFor, parseDeadline } from "@/lib/calendar/deadlines";
import { dateOf, dayOf, firstOf, isMonth, lastOf, monthOf, nextMonth, parisDay, previousMonth } from "@/lib/calendar/paris";
import { formatDateTime, formatHours } from "@/lib/format";
import { RESERVATION_STATUSES, isIn, allowedActions } from "@/lib/workflow";
import type { ReservationStatus } from "@/lib/generated/prisma/enums";
import { bookingBlocked, type Blocked } from "./availability";
import { unitPrice } from "./pricing";
import { readPricer, SIBLINGS_SHOWN } from "@/lib/billing/pricing/read-pricer";
import type { UnitRule } from "./unit-rules";
import { familyInscriptionWhere, readCustodyCalendars } from "@/lib/families/foyers";
import { mayBookDay, reservationFoyer } from "./foyer-scope";

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
  /** What made the day's price beyond the QF (ADR 055), set per cell by the screen from `LaneDay.priceNotes`. */
  priceNote?: string | null;
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
   * Each unit's price that day, in cells' order, as the invoice prices it (readPricer, ADR 055): the tariff for the
   * quotient familial in force that day (a quotient changed mid-month changes the cells after it), résident or hors
   * commune, hourly, and the fratrie reduction the day already earns with the family's other bookings.
   */
  prices: (number | null)[];
  /** What made each price beyond the QF (« tarif hors commune · réduction fratrie -10 % »), in cells' order. */
  priceNotes?: (string | null)[];
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
    where: {
      ...familyInscriptionWhere(input.familyId),
      status: "VALIDATED",
      ...(input.inscriptionId ? { id: input.inscriptionId } : {}),
    },
    orderBy: LANE_ORDER,
    select: {
      id: true,
      familyId: true,
      startDate: true,
      endDate: true,
      periodId: true,
      activityId: true,
      child: { select: { id: true, firstName: true, birthDate: true } },
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
              tariffs: { select: { qfMin: true, qfMax: true, priceCents: true, nonResidentPriceCents: true } },
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
  // Everything else the month needs, in one statement (ADR 048): it depends only on the inscriptions read above.
  const read = await readMonth({
    familyId: input.familyId,
    inscriptionIds: inscriptions.map((i) => i.id),
    periodIds: [...new Set(inscriptions.map((i) => i.periodId))],
    unitIds,
    structureIds: [...new Set(inscriptions.map((i) => i.activity.structureId))],
    limitedGroups,
    from,
    to,
  });
  const { opening, reservations, closures, rules } = read;
  // A shared child's days of the other foyer (garde alternée, ADR 051): « Chez l'autre parent », without detail.
  const custody = await readCustodyCalendars([...new Set(inscriptions.map((i) => i.child.id))], {
    from: firstOf(month),
    to: lastOf(month),
  });
  const slot = (unitId: string, day: string) => `${unitId}|${day}`;
  const cancelled = new Map(read.cancelled.map((c) => [slotKey({ timeUnitId: c.unitId, day: c.day }), c.reason]));
  // The one pricer of billing (ADR 055): the family's quotient history, its commune, the activities' rules, siblings.
  const priceOf = await readPricer(db, {
    payerIds: [input.familyId],
    siblingFamilyIds: [input.familyId, ...inscriptions.map((i) => i.familyId)],
    activityIds: inscriptions.map((i) => i.activityId),
    from: firstOf(month),
    to: lastOf(month),
    statuses: SIBLINGS_SHOWN,
  });
  const groupTaken = new Map(read.groupUsage.map((r) => [`${r.groupId}|${r.unitId}|${r.day}`, r.n] as const));
  const taken = new Map(read.usage.map((u) => [slot(u.unitId, u.day), u.n]));
  const capacityOverride = new Map(read.overrides.map((o) => [slot(o.unitId, o.day), o.capacity]));
  const waitingRanks = new Map<string, number[]>();
  for (const w of read.waiting)
    waitingRanks.set(slot(w.unitId, w.day), [...(waitingRanks.get(slot(w.unitId, w.day)) ?? []), w.waitlistRank ?? 0]);
  const isOpening = new Set(opening.map((o) => `${o.periodId}|${o.day}`));
  const booked = new Map(reservations.map((r) => [`${r.inscriptionId}|${r.timeUnitId}|${r.day}`, r]));

  const lanes: CalendarLane[] = inscriptions.map((i) => ({
    inscriptionId: i.id,
    childId: i.child.id,
    childFirstName: i.child.firstName,
    activityName: i.activity.name,
    periodName: i.period.name,
    startDay: dayOf(i.startDate),
    endDay: dayOf(i.endDate),
    automatic: i.activity.reservationValidation === "AUTOMATIC",
    // Priced for the family looking (a shared child's inscription is priced for each foyer at its own quotient).
    units: i.activity.timeUnits.map((u) => laneUnit(u, read.family?.quotientFamilial ?? null)),
    rules: rules.filter((r) => i.activity.timeUnits.some((u) => u.id === r.unitId)),
  }));

  const dayList = [
    ...new Set([...opening.map((o) => o.day), ...reservations.filter((r) => isIn(RESERVATION_STATUSES.LIVE, r.status)).map((r) => r.day)]),
  ].sort();
  const days: CalendarDay[] = dayList.map((day) => ({
    day,
    lanes: inscriptions.map((i) => {
      const open = isOpening.has(`${i.periodId}|${day}`);
      // Each deadline once per lane and day (a Paris wall-clock time: computing it costs more than the cells).
      const bookUntil = deadlineFor(parseDeadline(i.activity.bookingDeadline)!, day);
      const cancelUntil = deadlineFor(parseDeadline(i.activity.cancellationDeadline)!, day);
      const units = i.activity.timeUnits;
      // The family's own reservations only: the other foyer's (a shared child) are never shown, not even their status.
      const ownAt = (unitId: string) => {
        const found = booked.get(`${i.id}|${unitId}|${day}`);
        return found && reservationFoyer(found, i.familyId) === input.familyId ? found : undefined;
      };
      const hasAny = units.some((u) => {
        const found = ownAt(u.id);
        return found !== undefined && isIn(RESERVATION_STATUSES.LIVE, found.status);
      });
      if (!open && !hasAny && inscriptions.length > 1) return null;
      const otherFoyerDay = !mayBookDay(custody.get(i.child.id), input.familyId, day);
      const cells = units.map((u): CellState => {
        const found = ownAt(u.id);
        // The other foyer's day, or its booking still there (billed before a custody change): no detail.
        if (!found && (otherFoyerDay || booked.has(`${i.id}|${u.id}|${day}`))) {
          const theirs = booked.get(`${i.id}|${u.id}|${day}`);
          if (otherFoyerDay || (theirs && !isIn(RESERVATION_STATUSES.ASKABLE_AGAIN, theirs.status)))
            return { kind: "BLOCKED", reason: "OTHER_FOYER" };
        }
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
      const priced = units.map((u) =>
        priceOf({
          payerId: input.familyId,
          foyerId: input.familyId,
          inscriptionFamilyId: i.familyId,
          activityId: i.activityId,
          structureId: i.activity.structureId,
          periodId: i.periodId,
          childId: i.child.id,
          birthDate: dayOf(i.child.birthDate),
          day,
          unit: u,
        }),
      );
      return {
        bookUntil: formatDateTime(bookUntil),
        cancelUntil: formatDateTime(cancelUntil),
        cancelInTime: now.getTime() <= cancelUntil.getTime(),
        cells,
        prices: priced.map((p) => p?.cents ?? null),
        priceNotes: priced.map((p) => p?.note ?? null),
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
      ...closures,
      ...exceptionalDays(
        inscriptions.map((i) => i.activity),
        cancelled,
      ),
    ].sort((a, b) => a.start.localeCompare(b.start)),
  };
}

/** What `readMonth` returns: days as "YYYY-MM-DD". */
interface MonthJson {
  opening: { periodId: string; day: string }[];
  reservations: {
    id: string;
    inscriptionId: string;
    timeUnitId: string;
    day: string;
    status: ReservationStatus;
    reason: string | null;
    waitlistRank: number | null;
    foyerId: string | null;
  }[];
  usage: { unitId: string; day: string; n: number }[];
  overrides: { unitId: string; day: string; capacity: number }[];
  waiting: { unitId: string; day: string; waitlistRank: number | null }[];
  closures: { label: string; start: string; end: string }[];
  rules: UnitRule[];
  cancelled: { unitId: string; day: string; reason: string }[];
  family: { quotientFamilial: number | null; quotients: { quotientFamilial: number | null; validFrom: string }[] } | null;
  groupUsage: { groupId: string; unitId: string; day: string; n: number }[];
}

/**
 * The month's reads in one statement (ADR 048; they were ten Prisma calls): the opening days of the lanes' periods,
 * the lanes' own reservations, the places held and the waiting ranks of their units (every family's, counted only),
 * the day's capacities, the structures' closures, the rules between units, the slots the structure cancelled, the
 * family's quotient history, and the places held per age group with its own number. The family's rows are read
 * through the inscriptions `getMonthCalendar` found for the family (its ownership filter, unchanged).
 */
async function readMonth(input: {
  familyId: string;
  inscriptionIds: string[];
  periodIds: string[];
  unitIds: string[];
  structureIds: string[];
  limitedGroups: string[];
  from: Date;
  to: Date;
}): Promise<MonthJson> {
  const { familyId, inscriptionIds, periodIds, unitIds, structureIds, limitedGroups, from, to } = input;
  const holding = [...RESERVATION_STATUSES.HOLDS_PLACE];
  const day = (column: Prisma.Sql) => Prisma.sql`to_char(${column}, 'YYYY-MM-DD')`;
  const [row] = await db.$queryRaw<{ month: MonthJson }[]>`SELECT json_build_object(
    'opening', COALESCE((SELECT json_agg(json_build_object('periodId', o."periodId", 'day', ${day(Prisma.sql`o."date"`)}))
      FROM "OpeningDay" o WHERE o."periodId" = ANY(${periodIds}) AND o."date" >= ${from} AND o."date" <= ${to}), '[]'::json),
    'reservations', COALESCE((SELECT json_agg(json_build_object('id', r."id", 'inscriptionId', r."inscriptionId",
        'timeUnitId', r."timeUnitId", 'day', ${day(Prisma.sql`r."date"`)}, 'status', r."status", 'reason', r."reason",
        'waitlistRank', r."waitlistRank", 'foyerId', r."foyerId"))
      FROM "Reservation" r WHERE r."inscriptionId" = ANY(${inscriptionIds}) AND r."date" >= ${from} AND r."date" <= ${to}), '[]'::json),
    'usage', COALESCE((SELECT json_agg(json_build_object('unitId', t."timeUnitId", 'day', ${day(Prisma.sql`t."date"`)}, 'n', t."n"))
      FROM (SELECT r."timeUnitId", r."date", count(*)::int AS "n" FROM "Reservation" r
        WHERE r."timeUnitId" = ANY(${unitIds}) AND r."date" >= ${from} AND r."date" <= ${to} AND r."status"::text = ANY(${holding})
        GROUP BY r."timeUnitId", r."date") t), '[]'::json),
    'overrides', COALESCE((SELECT json_agg(json_build_object('unitId', o."timeUnitId", 'day', ${day(Prisma.sql`o."date"`)},
        'capacity', o."capacity"))
      FROM "CapacityOverride" o WHERE o."timeUnitId" = ANY(${unitIds}) AND o."date" >= ${from} AND o."date" <= ${to}), '[]'::json),
    'waiting', COALESCE((SELECT json_agg(json_build_object('unitId', r."timeUnitId", 'day', ${day(Prisma.sql`r."date"`)},
        'waitlistRank', r."waitlistRank"))
      FROM "Reservation" r WHERE r."timeUnitId" = ANY(${unitIds}) AND r."date" >= ${from} AND r."date" <= ${to}
        AND r."status" = 'WAITLISTED'), '[]'::json),
    'closures', COALESCE((SELECT json_agg(json_build_object('label', c."label", 'start', ${day(Prisma.sql`c."startDate"`)},
        'end', ${day(Prisma.sql`c."endDate"`)}) ORDER BY c."startDate", c."id")
      FROM "CalendarException" c WHERE c."structureId" = ANY(${structureIds}) AND c."startDate" <= ${to} AND c."endDate" >= ${from}),
      '[]'::json),
    'rules', COALESCE((SELECT json_agg(json_build_object('kind', u."kind", 'unitId', u."unitId", 'otherUnitId', u."otherUnitId"))
      FROM "TimeUnitRule" u WHERE u."unitId" = ANY(${unitIds})), '[]'::json),
    'cancelled', COALESCE((SELECT json_agg(json_build_object('unitId', c."timeUnitId", 'day', ${day(Prisma.sql`c."date"`)},
        'reason', c."reason"))
      FROM "CancelledSlot" c WHERE c."timeUnitId" = ANY(${unitIds}) AND c."date" >= ${from} AND c."date" <= ${to}), '[]'::json),
    'family', (SELECT json_build_object('quotientFamilial', f."quotientFamilial",
        'quotients', COALESCE((SELECT json_agg(json_build_object('quotientFamilial', q."quotientFamilial",
            'validFrom', ${day(Prisma.sql`q."validFrom"`)}) ORDER BY q."validFrom" DESC)
          FROM "QuotientHistory" q WHERE q."familyId" = f."id"), '[]'::json))
      FROM "Family" f WHERE f."id" = ${familyId}),
    'groupUsage', COALESCE((SELECT json_agg(json_build_object('groupId', t."ageGroupId", 'unitId', t."timeUnitId",
        'day', ${day(Prisma.sql`t."date"`)}, 'n', t."n"))
      FROM (SELECT i."ageGroupId", r."timeUnitId", r."date", count(*)::int AS "n"
        FROM "Reservation" r JOIN "Inscription" i ON i."id" = r."inscriptionId"
        WHERE i."ageGroupId" = ANY(${limitedGroups}) AND r."timeUnitId" = ANY(${unitIds}) AND r."date" >= ${from}
          AND r."date" <= ${to} AND r."status"::text = ANY(${holding})
        GROUP BY i."ageGroupId", r."timeUnitId", r."date") t), '[]'::json)
  ) AS "month"`;
  return row!.month;
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
    where: { ...familyInscriptionWhere(familyId), status: "VALIDATED" },
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
