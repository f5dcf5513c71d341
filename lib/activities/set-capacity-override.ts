import { count } from "@/lib/format";
import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { transaction } from "@/lib/db";
import { dateOf } from "@/lib/calendar/paris";
import { fieldError } from "@/lib/errors";
import { NotFoundError, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";
import { fillFreedPlaces } from "@/lib/reservations/fill-freed-places";
import { lockSlots } from "@/lib/reservations/slots";

/**
 * Places of one unit on one day; never below what is already booked that day.
 * Counted under the slot's lock (a booking cannot slip in between); more places
 * go at once to the waiting list, in arrival order.
 */
/** `now` decides which waiting requests a place may still go to (none on a day already past). */
export async function setCapacityOverride(data: { timeUnitId: string; date: string; capacity: number }, now: Date, scope: StaffScope) {
  await transaction(async (tx) => {
    const unit = await tx.timeUnit.findFirst({ where: { id: data.timeUnitId, ...scopeWhere(scope).byActivity }, select: { id: true } });
    if (!unit) throw new NotFoundError();
    const slot = { timeUnitId: data.timeUnitId, day: data.date };
    await lockSlots(tx, [slot]);
    const booked = await tx.reservation.count({
      where: { timeUnitId: data.timeUnitId, date: dateOf(data.date), status: statusIn(RESERVATION_STATUSES.HOLDS_PLACE) },
    });
    if (data.capacity < booked)
      fieldError("capacity", `Places ce jour-là : ${count(booked, "place est déjà réservée", "places sont déjà réservées")} ce jour-là.`);
    await tx.capacityOverride.upsert({
      where: { timeUnitId_date: { timeUnitId: data.timeUnitId, date: dateOf(data.date) } },
      create: { timeUnitId: data.timeUnitId, date: dateOf(data.date), capacity: data.capacity },
      update: { capacity: data.capacity },
    });
    await fillFreedPlaces(tx, [slot], now);
  });
}
