import "server-only";
import type { Tx } from "@/lib/db";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { applyTransition, SYSTEM } from "@/lib/workflow";
import { notifyReservations } from "./notify-reservations";
import { placeLeft, readSlot, type Slot } from "./slots";

/**
 * A place freed in these slots (a cancellation decided, a refusal, a
 * withdrawal, more places): the first waiting requests, in arrival order, get
 * it — R when the activity validates automatically, else a DR holding the
 * place for staff — and their families are e-mailed. A request whose age group
 * is full waits on; the next one may fit. The caller holds the slots' locks.
 */
export async function fillFreedPlaces(tx: Tx, slots: Slot[], now: Date): Promise<string[]> {
  const today = parisDay(now);
  const promoted: string[] = [];
  for (const slot of slots) {
    if (slot.day < today) continue;
    const waiting = await tx.reservation.findMany({
      where: { timeUnitId: slot.timeUnitId, date: dateOf(slot.day), status: "WAITLISTED", inscription: { status: "VALIDATED" } },
      orderBy: { waitlistRank: "asc" },
      select: {
        id: true,
        inscription: {
          select: { ageGroup: { select: { id: true, unitCapacity: true } }, activity: { select: { reservationValidation: true } } },
        },
      },
    });
    for (const request of waiting) {
      const group = request.inscription.ageGroup;
      const state = await readSlot(tx, slot, group?.id ?? null);
      if (state.taken >= state.capacity) break;
      if (!placeLeft(state, group)) continue;
      const to = request.inscription.activity.reservationValidation === "AUTOMATIC" ? "RESERVED" : "REQUESTED";
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: request.id,
        to,
        actor: SYSTEM,
        reason: "Place libérée",
        expectedFrom: "WAITLISTED",
        now,
      });
      promoted.push(request.id);
    }
  }
  await notifyReservations(tx, "PROMOTED", promoted);
  return promoted;
}
