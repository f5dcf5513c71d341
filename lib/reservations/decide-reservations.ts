import "server-only";
import { db, type Tx } from "@/lib/db";
import { dayOf } from "@/lib/calendar/paris";
import { fieldError, UserFacingError } from "@/lib/errors";
import { formatLongDate } from "@/lib/format";
import { applyTransition, isIn, NotFoundError, RESERVATION_STATUSES, type Actor } from "@/lib/workflow";
import type { ReservationStatus } from "@/lib/generated/prisma/enums";
import { notifyReservations } from "./notify";
import { fillFreedPlaces } from "./promote";
import { lockSlots, placeLeft, readSlot, slotOf } from "./slots";

/*
 * What staff decide on reservations (the console of the next issue calls these):
 * accept or refuse requests, decide cancellations as excused or billed. Each
 * call is one transaction — all its decisions, or none — under the locks of the
 * slots concerned; every place freed goes to the waiting list, and each family
 * gets one e-mail for the call.
 */

async function lockAll(tx: Tx, ids: string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new UserFacingError("Sélectionnez au moins une demande.");
  const slots = await tx.reservation.findMany({ where: { id: { in: unique } }, select: { timeUnitId: true, date: true } });
  if (slots.length !== unique.length) throw new NotFoundError();
  await lockSlots(tx, slots.map(slotOf));
  return tx.reservation.findMany({
    where: { id: { in: unique } },
    orderBy: [{ date: "asc" }, { createdAt: "asc" }],
    select: { id: true, status: true, timeUnitId: true, date: true, inscription: { select: { status: true, ageGroup: { select: { id: true, unitCapacity: true } } } } },
  });
}

/**
 * Only a request still waiting for a decision is decided: from any other status (withdrawn by the
 * parent meanwhile, decided by a colleague) the workflow says what happened instead of booking it.
 */
const awaiting = (status: ReservationStatus): ReservationStatus => (isIn(RESERVATION_STATUSES.REQUESTS, status) ? status : "REQUESTED");

const requireReason = (reason: string | undefined): string => {
  const trimmed = reason?.trim() ?? "";
  if (!trimmed) fieldError("reason", "Motif : indiquez-le, il est envoyé à la famille.");
  return trimmed;
};

/** Accept DRs (their place is held) and waiting requests that now have a place; a waiting one without a place stays waiting, said per request. */
export async function acceptReservations(input: { ids: string[]; actor: Actor; now?: Date }) {
  return db.$transaction(async (tx) => {
    const rows = await lockAll(tx, input.ids);
    const accepted: string[] = [];
    const stillWaiting: string[] = [];
    for (const row of rows) {
      if (row.inscription.status !== "VALIDATED") throw new UserFacingError("Cette inscription n'est plus validée : la demande ne peut pas être acceptée.");
      if (row.status === "WAITLISTED" && !placeLeft(await readSlot(tx, slotOf(row), row.inscription.ageGroup?.id ?? null), row.inscription.ageGroup)) {
        stillWaiting.push(`Plus de place disponible le ${formatLongDate(dayOf(row.date))} : la demande reste en liste d'attente.`);
        continue;
      }
      await applyTransition(tx, { machine: "RESERVATION", id: row.id, to: "RESERVED", actor: input.actor, expectedFrom: awaiting(row.status), now: input.now });
      accepted.push(row.id);
    }
    await notifyReservations(tx, "ACCEPTED", accepted);
    return { accepted: accepted.length, stillWaiting };
  });
}

export async function refuseReservations(input: { ids: string[]; reason: string; actor: Actor; now?: Date }) {
  const reason = requireReason(input.reason);
  return db.$transaction(async (tx) => {
    const rows = await lockAll(tx, input.ids);
    const freed = [];
    for (const row of rows) {
      await applyTransition(tx, { machine: "RESERVATION", id: row.id, to: "REFUSED", actor: input.actor, reason, expectedFrom: awaiting(row.status), now: input.now });
      if (isIn(RESERVATION_STATUSES.HOLDS_PLACE, row.status)) freed.push(slotOf(row));
    }
    await notifyReservations(tx, "REFUSED", rows.map((r) => r.id), reason);
    await fillFreedPlaces(tx, freed, input.now);
    return { refused: rows.length };
  });
}

/** A DA decided: absence excusée (not billed) or facturée, with a reason; either way the place goes to the waiting list. */
export async function decideCancellations(input: { ids: string[]; decision: "EXCUSED" | "BILLED"; reason: string; actor: Actor; now?: Date }) {
  const reason = requireReason(input.reason);
  return db.$transaction(async (tx) => {
    const rows = await lockAll(tx, input.ids);
    const to = input.decision === "EXCUSED" ? "ABSENT_EXCUSED" : "ABSENT_BILLED";
    for (const row of rows) {
      await applyTransition(tx, { machine: "RESERVATION", id: row.id, to, actor: input.actor, reason, expectedFrom: "CANCELLATION_REQUESTED", now: input.now });
    }
    await notifyReservations(tx, "CANCELLATIONS", rows.map((r) => r.id), reason);
    await fillFreedPlaces(tx, rows.map(slotOf), input.now);
    return { decided: rows.length };
  });
}
