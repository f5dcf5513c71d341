import type { QueuedReservation } from "@/lib/reservations/list-reservation-queue";
import { formatDateTime, formatLongDate, formatMonth } from "@/lib/format";
import { isIn, RESERVATION_CODES, RESERVATION_STATUSES, statusLabel, statusTone } from "@/lib/workflow";
import type { QueueRow } from "./queue-table";

/**
 * The rows of a queue page as plain words (ADR 047): the client table draws them. Only what is set travels: a page of
 * rows costs its words, not its markup twice (HTML and the page's RSC data).
 */
export function queueRowData(items: QueuedReservation[]): QueueRow[] {
  return items.map((q) => {
    const { booked, capacity, waiting } = q.availability;
    return {
      id: q.id,
      family: q.family,
      month: formatMonth(q.day.slice(0, 7)),
      child: `${q.child.firstName} ${q.child.lastName.toUpperCase()}`,
      day: formatLongDate(q.day),
      unit: q.unit.name,
      activity: q.activity.name,
      places: `${booked} / ${capacity} réservées${waiting ? ` · ${waiting} en attente` : ""}`,
      placesTone: booked >= capacity ? "refused" : capacity - booked <= 3 ? "waiting" : "done",
      status: [RESERVATION_CODES[q.status], statusLabel("RESERVATION", q.status), statusTone("RESERVATION", q.status)],
      sent: formatDateTime(q.sentAt),
      ...(isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, q.status) ? { cancellation: q.proposedCancellation ?? "BILLED" } : {}),
    };
  });
}
