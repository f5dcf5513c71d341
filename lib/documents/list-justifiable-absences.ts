import "server-only";
import { db } from "@/lib/db";
import { addDays, dateOf } from "@/lib/calendar/paris";

/**
 * The billed absences (A Fact.) of the last 120 days a certificate can still justify — not yet invoiced, or
 * invoiced as a billed absence (an avoir then credits it) — without a certificate waiting or accepted.
 */
export async function listJustifiableAbsences(familyId: string, today: string) {
  const since = dateOf(addDays(today, -120));
  const rows = await db.reservation.findMany({
    where: { inscription: { familyId }, date: { gte: since }, status: { in: ["ABSENT_BILLED", "INVOICED"] } },
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
        entityId: { in: rows.filter((r) => r.status === "INVOICED").map((r) => r.id) },
        fromStatus: "ABSENT_BILLED",
        toStatus: "INVOICED",
      },
      select: { entityId: true },
    }),
    db.document.findMany({
      where: { reservationId: { in: rows.map((r) => r.id) }, status: { in: ["RECEIVED", "ACCEPTED"] } },
      select: { reservationId: true },
    }),
  ]);
  const wasAbsence = new Set(invoicedAbsences.map((l) => l.entityId));
  const done = new Set(justified.map((d) => d.reservationId));
  return rows.filter((r) => (r.status === "ABSENT_BILLED" || wasAbsence.has(r.id)) && !done.has(r.id));
}
