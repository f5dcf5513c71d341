import { count } from "@/lib/format";
import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { transaction } from "@/lib/db";
import { dateOf } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import { NotFoundError, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";

/**
 * School holidays, public holidays and closures of a structure. A closure or a
 * public holiday removes the opening days it covers — refused while
 * reservations exist on those days.
 */
export async function addCalendarException(
  data: {
    structureId: string;
    kind: "VACANCES_SCOLAIRES" | "JOUR_FERIE" | "FERMETURE";
    label: string;
    startDate: string;
    endDate: string;
  },
  scope: StaffScope,
) {
  await transaction(async (tx) => {
    const structure = await tx.structure.findFirst({
      where: { id: data.structureId, ...scopeWhere(scope).structure },
      select: { id: true },
    });
    if (!structure) throw new NotFoundError();
    const range = { gte: dateOf(data.startDate), lte: dateOf(data.endDate) };
    if (data.kind !== "VACANCES_SCOLAIRES") {
      const booked = await tx.reservation.count({
        where: { date: range, status: statusIn(RESERVATION_STATUSES.LIVE), timeUnit: { activity: { structureId: data.structureId } } },
      });
      if (booked > 0) {
        throw new UserFacingError(
          `${count(booked, "réservation existe", "réservations existent")} sur ces jours : annulez-les avant de fermer l'accueil.`,
        );
      }
      await tx.openingDay.deleteMany({ where: { date: range, period: { activity: { structureId: data.structureId } } } });
    }
    await tx.calendarException.create({
      data: {
        structureId: data.structureId,
        kind: data.kind,
        label: data.label,
        startDate: dateOf(data.startDate),
        endDate: dateOf(data.endDate),
      },
    });
  });
}
