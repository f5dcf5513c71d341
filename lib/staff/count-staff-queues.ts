import "server-only";
import { db } from "@/lib/db";
import { countPendingChangeRequests } from "@/lib/families/list-change-requests";
import { countPendingInscriptions } from "@/lib/inscriptions/list-inscriptions";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { REQUEST_STATUSES, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";

/** Every queue of the staff's home page (« À traiter »), counted once. */
/** Account requests, changes to family files and e-mails belong to no lieu (ADR 029); inscriptions and réservations do. */
export async function countStaffQueues(scope: StaffScope) {
  const scoped = scopeWhere(scope);
  const [accountRequests, changes, inscriptions, failedEmails, pendingEmails, reservations, cancellations] = await Promise.all([
    db.accountRequest.count({ where: { status: statusIn(REQUEST_STATUSES.AWAITING_DECISION) } }),
    countPendingChangeRequests(scope),
    countPendingInscriptions(scope),
    db.emailOutbox.count({ where: { status: "FAILED" } }),
    db.emailOutbox.count({ where: { status: "PENDING" } }),
    db.reservation.count({ where: { status: statusIn(RESERVATION_STATUSES.REQUESTS), ...scoped.reservation } }),
    db.reservation.count({ where: { status: "CANCELLATION_REQUESTED", ...scoped.reservation } }),
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
