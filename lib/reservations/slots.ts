import "server-only";
import { db, type Tx } from "@/lib/db";
import { dateOf, dayOf } from "@/lib/calendar/paris";
import { RESERVATION_STATUSES, statusIn } from "@/lib/workflow";

import { lockSlots, slotKey, type Slot } from "@/lib/locks";

// A slot's lock is taken in lib/locks.ts (in the lock order); re-exported for the reservations' modules.
export { lockSlots, slotKey, type Slot };

/**
 * The slot as it is now, in one round trip (it runs under the slot's lock,
 * where every millisecond makes the next parent wait): places booked and
 * their number (the day's override, else the unit's), the places taken by
 * the age group when it has its own number, the last waiting rank, and the
 * reason when the structure cancelled the slot (exceptional day).
 */
export async function readSlot(tx: Tx, slot: Slot, ageGroupId: string | null) {
  const date = dateOf(slot.day);
  const holding = [...RESERVATION_STATUSES.HOLDS_PLACE];
  const rows = await tx.$queryRaw<
    { taken: number; capacity: number; groupTaken: number; lastRank: number; waiting: number; cancelled: string | null }[]
  >`
    SELECT
      (SELECT count(*)::int FROM "Reservation" r WHERE r."timeUnitId" = ${slot.timeUnitId} AND r."date" = ${date}
         AND r."status"::text = ANY(${holding})) AS "taken",
      COALESCE((SELECT o."capacity" FROM "CapacityOverride" o WHERE o."timeUnitId" = ${slot.timeUnitId} AND o."date" = ${date}),
               (SELECT u."capacity" FROM "TimeUnit" u WHERE u."id" = ${slot.timeUnitId})) AS "capacity",
      (SELECT count(*)::int FROM "Reservation" r JOIN "Inscription" i ON i."id" = r."inscriptionId"
         WHERE ${ageGroupId}::text IS NOT NULL AND i."ageGroupId" = ${ageGroupId} AND r."timeUnitId" = ${slot.timeUnitId}
         AND r."date" = ${date} AND r."status"::text = ANY(${holding})) AS "groupTaken",
      COALESCE((SELECT max(r."waitlistRank") FROM "Reservation" r WHERE r."timeUnitId" = ${slot.timeUnitId} AND r."date" = ${date}
         AND r."status" = 'WAITLISTED'), 0)::int AS "lastRank",
      (SELECT count(*)::int FROM "Reservation" r WHERE r."timeUnitId" = ${slot.timeUnitId} AND r."date" = ${date}
         AND r."status" = 'WAITLISTED') AS "waiting",
      (SELECT c."reason" FROM "CancelledSlot" c WHERE c."timeUnitId" = ${slot.timeUnitId} AND c."date" = ${date}) AS "cancelled"`;
  return rows[0]!;
}

/** Is there a place for one more child of `ageGroup` (the unit's places, and the group's own number)? */
export function placeLeft(
  state: { taken: number; capacity: number; groupTaken: number },
  ageGroup: { unitCapacity: number | null } | null,
): boolean {
  if (state.taken >= state.capacity) return false;
  return !(ageGroup && ageGroup.unitCapacity !== null && state.groupTaken >= ageGroup.unitCapacity);
}

export const slotOf = (reservation: { timeUnitId: string; date: Date }): Slot => ({
  timeUnitId: reservation.timeUnitId,
  day: dayOf(reservation.date),
});

/** The slots the structure cancelled (exceptional days) among these units and days: "unit|day" → reason. */
export async function cancelledSlots(
  client: Pick<Tx, "cancelledSlot">,
  unitIds: string[],
  from: string,
  to: string,
): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await client.cancelledSlot.findMany({
    where: { timeUnitId: { in: unitIds }, date: { gte: dateOf(from), lte: dateOf(to) } },
    select: { timeUnitId: true, date: true, reason: true },
  });
  return new Map(rows.map((r) => [slotKey({ timeUnitId: r.timeUnitId, day: dayOf(r.date) }), r.reason]));
}

/**
 * `slotUsage` for reads outside a transaction, in one statement (ADR 047: a staff queue page reads it for its rows):
 * the same counts — places held, waiting requests, the day's own number of places — for the units and days asked.
 * `tests/staff-queue-pages.test.ts` checks that both agree.
 */
export async function readSlotUsage(
  unitIds: string[],
  days: string[],
): Promise<(unitId: string, day: string, unitCapacity: number) => { booked: number; capacity: number; waiting: number }> {
  const [row] =
    unitIds.length === 0 || days.length === 0
      ? [{ usage: [], overrides: [] }]
      : await db.$queryRaw<
          {
            usage: { unit: string; day: string; booked: number; waiting: number }[];
            overrides: { unit: string; day: string; capacity: number }[];
          }[]
        >`
    SELECT
      COALESCE((SELECT json_agg(u) FROM (
        SELECT r."timeUnitId" AS "unit", to_char(r."date", 'YYYY-MM-DD') AS "day",
          (count(*) FILTER (WHERE r."status" = ANY(${[...RESERVATION_STATUSES.HOLDS_PLACE]}::"ReservationStatus"[])))::int AS "booked",
          (count(*) FILTER (WHERE r."status" = 'WAITLISTED'))::int AS "waiting"
        FROM "Reservation" r
        WHERE r."timeUnitId" = ANY(${unitIds}::text[]) AND r."date" = ANY(${days}::date[])
        GROUP BY r."timeUnitId", r."date") u), '[]'::json) AS "usage",
      COALESCE((SELECT json_agg(json_build_object('unit', o."timeUnitId", 'day', to_char(o."date", 'YYYY-MM-DD'), 'capacity', o."capacity"))
        FROM "CapacityOverride" o WHERE o."timeUnitId" = ANY(${unitIds}::text[]) AND o."date" = ANY(${days}::date[])), '[]'::json) AS "overrides"`;
  const usage = new Map(row!.usage.map((u) => [slotKey({ timeUnitId: u.unit, day: u.day }), u]));
  const overrides = new Map(row!.overrides.map((o) => [slotKey({ timeUnitId: o.unit, day: o.day }), o.capacity]));
  return (unitId, day, unitCapacity) => {
    const k = slotKey({ timeUnitId: unitId, day });
    return { booked: usage.get(k)?.booked ?? 0, capacity: overrides.get(k) ?? unitCapacity, waiting: usage.get(k)?.waiting ?? 0 };
  };
}

/**
 * What the staff's views show of many slots at once (the queue, the occupancy grid): places held, people
 * waiting and the day's capacity — the override, else the unit's — in three grouped reads, not one per slot.
 */
export async function slotUsage(
  client: Pick<Tx, "reservation" | "capacityOverride">,
  unitIds: string[],
  date: { in: Date[] } | { gte: Date; lte: Date },
): Promise<(unitId: string, day: string, unitCapacity: number) => { booked: number; capacity: number; waiting: number }> {
  const [held, waiting, overrides] =
    unitIds.length === 0
      ? [[], [], []]
      : await Promise.all([
          client.reservation.groupBy({
            by: ["timeUnitId", "date"],
            where: { timeUnitId: { in: unitIds }, date, status: statusIn(RESERVATION_STATUSES.HOLDS_PLACE) },
            _count: { _all: true },
          }),
          client.reservation.groupBy({
            by: ["timeUnitId", "date"],
            where: { timeUnitId: { in: unitIds }, date, status: "WAITLISTED" },
            _count: { _all: true },
          }),
          client.capacityOverride.findMany({
            where: { timeUnitId: { in: unitIds }, date },
            select: { timeUnitId: true, date: true, capacity: true },
          }),
        ]);
  const key = (unitId: string, at: Date) => slotKey({ timeUnitId: unitId, day: dayOf(at) });
  const heldBy = new Map(held.map((h) => [key(h.timeUnitId, h.date), h._count._all]));
  const waitingBy = new Map(waiting.map((w) => [key(w.timeUnitId, w.date), w._count._all]));
  const overrideBy = new Map(overrides.map((o) => [key(o.timeUnitId, o.date), o.capacity]));
  return (unitId, day, unitCapacity) => {
    const k = slotKey({ timeUnitId: unitId, day });
    return { booked: heldBy.get(k) ?? 0, capacity: overrideBy.get(k) ?? unitCapacity, waiting: waitingBy.get(k) ?? 0 };
  };
}
