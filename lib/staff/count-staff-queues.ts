import "server-only";
import { db } from "@/lib/db";
import { countPendingChangeRequests } from "@/lib/families/list-change-requests";
import { countPendingInscriptions } from "@/lib/inscriptions/list-inscriptions";
import { REQUEST_STATUSES, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";

/** Every queue of the staff's home page (« À traiter »), counted once. */
export async function countStaffQueues() {
  const [accountRequests, changes, inscriptions, failedEmails, pendingEmails, reservations, cancellations] = await Promise.all([
    db.accountRequest.count({ where: { status: statusIn(REQUEST_STATUSES.AWAITING_DECISION) } }),
    countPendingChangeRequests(),
    countPendingInscriptions(),
    db.emailOutbox.count({ where: { status: "FAILED" } }),
    db.emailOutbox.count({ where: { status: "PENDING" } }),
    db.reservation.count({ where: { status: statusIn(RESERVATION_STATUSES.REQUESTS) } }),
    db.reservation.count({ where: { status: "CANCELLATION_REQUESTED" } }),
  ]);
  return {
    accountRequests,
    changes: changes.changes,
    newChildren: changes.children,
    inscriptions,
    failedEmails,
    pendingEmails,
    reservations,
    cancellations,
  };
}
