import "server-only";
import { assertActivityInScope } from "@/lib/auth/staff-scope";
import { transaction } from "@/lib/db";
import { dateOf } from "@/lib/calendar/paris";
import { fieldError, UserFacingError } from "@/lib/errors";
import { count, formatLongDate } from "@/lib/format";
import { actorScope, applyTransition, NotFoundError, RESERVATION_STATUSES, statusIn, type Actor } from "@/lib/workflow";
import { notifyReservations } from "./notify-reservations";
import { lockSlots } from "./slots";

/**
 * An exceptional day (strike, school trip, closure decided late): staff cancel a
 * day, or some of its units, for everyone. Under the slots' locks, in one
 * transaction: the slots are closed on every calendar (no request gets in after),
 * every booking, request and waiting request of the day becomes « annulée par la
 * structure » — never billed — and each family gets one e-mail. A day already
 * invoiced is refused (a credit note corrects an invoice, not this).
 */
export async function cancelDay(input: { activityId: string; day: string; timeUnitIds: string[]; reason: string; actor: Actor }) {
  const reason = input.reason.trim();
  if (!reason) fieldError("reason", "Motif : indiquez-le, il est envoyé aux familles.");
  return transaction(
    async (tx) => {
      await assertActivityInScope(tx, actorScope(input.actor), input.activityId);
      const activity = await tx.activity.findUnique({
        where: { id: input.activityId },
        select: {
          name: true,
          timeUnits: { orderBy: [{ sortOrder: "asc" }, { startTime: "asc" }], select: { id: true, name: true } },
          periods: { select: { openingDays: { where: { date: dateOf(input.day) }, select: { id: true } } } },
        },
      });
      if (!activity) throw new NotFoundError();
      const chosen =
        input.timeUnitIds.length === 0 ? activity.timeUnits : activity.timeUnits.filter((u) => input.timeUnitIds.includes(u.id));
      if (chosen.length !== (input.timeUnitIds.length === 0 ? activity.timeUnits.length : new Set(input.timeUnitIds).size))
        throw new NotFoundError();
      if (!activity.periods.some((p) => p.openingDays.length > 0))
        fieldError("day", `Jour : le ${formatLongDate(input.day)} n'est pas un jour d'ouverture de ${activity.name}.`);
      const date = dateOf(input.day);
      await lockSlots(
        tx,
        chosen.map((u) => ({ timeUnitId: u.id, day: input.day })),
      );
      const unitIds = chosen.map((u) => u.id);
      const already = await tx.cancelledSlot.findMany({ where: { timeUnitId: { in: unitIds }, date }, select: { timeUnitId: true } });
      if (already.length > 0) {
        const names = chosen
          .filter((u) => already.some((a) => a.timeUnitId === u.id))
          .map((u) => u.name)
          .join(", ");
        throw new UserFacingError(`Le ${formatLongDate(input.day)} est déjà annulé pour : ${names}.`);
      }
      const invoiced = await tx.reservation.count({ where: { timeUnitId: { in: unitIds }, date, status: "INVOICED" } });
      if (invoiced > 0) {
        throw new UserFacingError(
          `Le ${formatLongDate(input.day)} est déjà facturé (${count(invoiced, "réservation facturée", "réservations facturées")}) : il ne peut plus être annulé. Corrigez les factures par un avoir.`,
        );
      }
      await tx.cancelledSlot.createMany({
        data: unitIds.map((timeUnitId) => ({ timeUnitId, date, reason, createdById: input.actor.userId })),
      });
      const rows = await tx.reservation.findMany({
        where: { timeUnitId: { in: unitIds }, date, status: statusIn(RESERVATION_STATUSES.CANCELLABLE_BY_STRUCTURE) },
        orderBy: { createdAt: "asc" },
        select: { id: true, status: true, inscription: { select: { familyId: true } } },
      });
      for (const row of rows) {
        await applyTransition(tx, {
          machine: "RESERVATION",
          id: row.id,
          to: "CANCELLED",
          actor: input.actor,
          reason,
          expectedFrom: row.status,
        });
      }
      await notifyReservations(
        tx,
        "DAY_CANCELLED",
        rows.map((r) => r.id),
        reason,
      );
      return {
        cancelled: rows.length,
        families: new Set(rows.map((r) => r.inscription.familyId)).size,
        units: chosen.map((u) => u.name),
        wholeDay: chosen.length === activity.timeUnits.length,
      };
    },
    { timeout: 60_000 },
  );
}
