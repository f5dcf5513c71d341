import "server-only";
import { assertActivityInScope } from "@/lib/auth/staff-scope";
import { transaction } from "@/lib/db";
import { deadlineFor, parseDeadline } from "@/lib/calendar/deadlines";
import { dateOf, parisDay } from "@/lib/calendar/paris";
import { fieldError, UserFacingError } from "@/lib/errors";
import { formatLongDate } from "@/lib/format";
import { actorScope, applyTransition, isIn, NotFoundError, RESERVATION_STATUSES, type Actor } from "@/lib/workflow";
import type { ReservationStatus } from "@/lib/generated/prisma/enums";
import { lockSlots, placeLeft, readSlot } from "./slots";
import { cancelledInTime } from "./get-attendance-sheet";

/*
 * Pointage: per day, unit (and group), the children the team expects at the door
 * with what it must know (allergies, PAI, régime, authorised persons,
 * authorisations — health data, read by staff only), marked présent or absent.
 * Marking locks the cell (P, A Exc., A Fact.); staff may correct it, with a
 * reason that is logged, until it is invoiced.
 */

/** What staff tick for a child: présent, absent (billed unless the cancellation was in time), absent excusé (with a reason). */
export type Mark = "PRESENT" | "ABSENT" | "EXCUSED";

export function notBeforeTheDay(day: string, now: Date) {
  if (day > parisDay(now)) fieldError("date", `Le pointage du ${formatLongDate(day)} se fait le jour même ou après.`);
}

/**
 * Records the pointage of one unit-day, in one transaction under the slot's lock: each child marked moves
 * through the workflow (P, A Exc., A Fact.); changing one already recorded is a correction and needs the reason.
 */
export async function recordAttendance(input: {
  activityId: string;
  day: string;
  timeUnitId: string;
  marks: { reservationId: string; mark: Mark }[];
  reason?: string;
  actor: Actor;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  notBeforeTheDay(input.day, now);
  const reason = input.reason?.trim() || undefined;
  return transaction(async (tx) => {
    await assertActivityInScope(tx, actorScope(input.actor), input.activityId);
    const unit = await tx.timeUnit.findFirst({
      where: { id: input.timeUnitId, activityId: input.activityId },
      select: { id: true, activity: { select: { cancellationDeadline: true } } },
    });
    if (!unit) throw new NotFoundError();
    await lockSlots(tx, [{ timeUnitId: unit.id, day: input.day }]);
    const ids = [...new Set(input.marks.map((m) => m.reservationId))];
    const rows = await tx.reservation.findMany({
      where: { id: { in: ids }, timeUnitId: unit.id, date: dateOf(input.day) },
      select: {
        id: true,
        status: true,
        decidedAt: true,
        createdAt: true,
        inscription: { select: { child: { select: { firstName: true } }, ageGroup: { select: { id: true, unitCapacity: true } } } },
      },
    });
    // Another day's, unit's or activity's reservation is a missing one here.
    if (rows.length !== ids.length) throw new NotFoundError();
    const deadline = deadlineFor(parseDeadline(unit.activity.cancellationDeadline)!, input.day);
    const markOf = new Map(input.marks.map((m) => [m.reservationId, m.mark]));
    if (input.marks.some((m) => markOf.get(m.reservationId) !== m.mark))
      throw new UserFacingError("Un enfant est pointé deux fois différemment : rechargez la page.");
    const inTime = await cancelledInTime(tx, rows, deadline);
    let changed = 0;
    for (const row of rows) {
      const name = row.inscription.child.firstName;
      if (isIn(RESERVATION_STATUSES.INVOICED, row.status))
        throw new UserFacingError(`${name} : ce jour est déjà facturé, le pointage ne peut plus être modifié.`);
      if (!isIn([...RESERVATION_STATUSES.EXPECTED, ...RESERVATION_STATUSES.POINTED], row.status)) {
        throw new UserFacingError(`${name} : la réservation n'est plus à pointer (elle a changé entre-temps). Rechargez la page.`);
      }
      const mark = markOf.get(row.id)!;
      const to: ReservationStatus =
        mark === "PRESENT" ? "PRESENT" : mark === "EXCUSED" || inTime.has(row.id) ? "ABSENT_EXCUSED" : "ABSENT_BILLED";
      if (to === row.status) continue;
      const correction = isIn(RESERVATION_STATUSES.POINTED, row.status);
      if ((correction || mark === "EXCUSED") && !reason) {
        fieldError(
          "reason",
          correction
            ? `Motif : indiquez pourquoi vous corrigez le pointage de ${name}.`
            : `Motif : indiquez pourquoi l'absence de ${name} est excusée.`,
        );
      }
      // Present again after an absence (which freed the place) takes a place back: only if one is left.
      if (
        to === "PRESENT" &&
        !isIn(RESERVATION_STATUSES.HOLDS_PLACE, row.status) &&
        !placeLeft(
          await readSlot(tx, { timeUnitId: unit.id, day: input.day }, row.inscription.ageGroup?.id ?? null),
          row.inscription.ageGroup,
        )
      ) {
        throw new UserFacingError(
          `${name} : plus de place ce jour pour cette unité. Augmentez les places du jour dans Occupation, puis pointez-le.`,
        );
      }
      await applyTransition(tx, {
        machine: "RESERVATION",
        id: row.id,
        to,
        actor: input.actor,
        expectedFrom: row.status,
        now,
        reason: reason ?? (to === "ABSENT_EXCUSED" ? "Annulation dans le délai" : undefined),
      });
      changed += 1;
    }
    return { changed };
  });
}
