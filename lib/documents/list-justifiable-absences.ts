import "server-only";
import { familyReservationWhere } from "@/lib/families/foyer-wheres";
import { db } from "@/lib/db";
import { addDays, dateOf } from "@/lib/calendar/paris";
import { DOCUMENT_STATUSES, isIn, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";

/**
 * The billed absences (A Fact.) of the last 120 days a certificate can still justify — not yet invoiced, or
 * invoiced as a billed absence (an avoir then credits it) — without a certificate waiting or accepted.
 */
export async function listJustifiableAbsences(familyId: string, today: string) {
  const since = dateOf(addDays(today, -120));
  const rows = await db.reservation.findMany({
    where: { ...familyReservationWhere(familyId), date: { gte: since }, status: statusIn(RESERVATION_STATUSES.MAYBE_BILLED_ABSENCE) },
    orderBy: { date: "desc" },
    select: {
      id: true,
      status: true,
      date: true,
      timeUnit: { select: { name: true } },
      inscription: { select: { child: { select: { id: true, firstName: true } } } },
    },
  });
  if (rows.length === 0) return [];
  const [invoicedAbsences, justified] = await Promise.all([
    db.transitionLog.findMany({
      where: {
        machine: "RESERVATION",
        entityId: { in: rows.filter((r) => isIn(RESERVATION_STATUSES.INVOICED, r.status)).map((r) => r.id) },
        fromStatus: "ABSENT_BILLED",
        toStatus: "INVOICED",
      },
      select: { entityId: true },
    }),
    db.document.findMany({
      where: { reservationId: { in: rows.map((r) => r.id) }, status: statusIn(DOCUMENT_STATUSES.STANDING) },
      select: { reservationId: true },
    }),
  ]);
  const wasAbsence = new Set(invoicedAbsences.map((l) => l.entityId));
  const done = new Set(justified.map((d) => d.reservationId));
  return rows.filter((r) => (isIn(RESERVATION_STATUSES.BILLED_ABSENCE, r.status) || wasAbsence.has(r.id)) && !done.has(r.id));
}
