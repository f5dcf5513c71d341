import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { activityInScopeSql, familyInScopeSql, reservationInScopeSql, type StaffScope } from "@/lib/auth/staff-scope";
import { doorJsonSql, type DoorUnit } from "@/lib/reservations/get-today-at-the-door";
import { senderCountsSql, senderStatusOf, type SenderCounts, type SenderStatus } from "@/lib/email/get-sender-status";
import { INSCRIPTION_STATUSES, REQUEST_STATUSES, RESERVATION_STATUSES } from "@/lib/workflow";

export interface StaffQueueCounts {
  accountRequests: number;
  changes: number;
  newChildren: number;
  inscriptions: number;
  failedEmails: number;
  pendingEmails: number;
  reservations: number;
  cancellations: number;
}

/**
 * Every queue of the staff's home page (« À traiter ») as one JSON value (a scalar subquery per queue, ADR 047).
 * Account requests, changes to family files and e-mails belong to no lieu (ADR 029); inscriptions, réservations and
 * the families of change requests do (the SQL forms of `scopeWhere`, lib/auth/staff-scope.ts).
 */
function staffQueueCountsSql(scope: StaffScope): Prisma.Sql {
  const awaiting = [...REQUEST_STATUSES.AWAITING_DECISION];
  return Prisma.sql`json_build_object(
    'accountRequests', (SELECT count(*)::int FROM "AccountRequest" q WHERE q."status" = ANY(${awaiting}::"AccountRequestStatus"[])),
    'changes', (SELECT count(*)::int FROM "ChangeRequest" c WHERE c."status" = 'PENDING' AND c."kind" <> 'CHILD_ADDED'
      ${familyInScopeSql(scope, Prisma.sql`c."familyId"`)}),
    'newChildren', (SELECT count(*)::int FROM "ChangeRequest" c WHERE c."status" = 'PENDING' AND c."kind" = 'CHILD_ADDED'
      ${familyInScopeSql(scope, Prisma.sql`c."familyId"`)}),
    'inscriptions', (SELECT count(*)::int FROM "Inscription" i
      WHERE i."status" = ANY(${[...INSCRIPTION_STATUSES.AWAITING_DECISION]}::"InscriptionStatus"[])
      ${activityInScopeSql(scope, Prisma.sql`i."activityId"`)}),
    'failedEmails', (SELECT count(*)::int FROM "EmailOutbox" e WHERE e."status" = 'FAILED'),
    'pendingEmails', (SELECT count(*)::int FROM "EmailOutbox" e WHERE e."status" = 'PENDING'),
    'reservations', (SELECT count(*)::int FROM "Reservation" r WHERE r."status" = ANY(${[...RESERVATION_STATUSES.REQUESTS]}::"ReservationStatus"[])
      ${reservationInScopeSql(scope, Prisma.sql`r."inscriptionId"`)}),
    'cancellations', (SELECT count(*)::int FROM "Reservation" r WHERE r."status" = 'CANCELLATION_REQUESTED'
      ${reservationInScopeSql(scope, Prisma.sql`r."inscriptionId"`)}))`;
}

/** Every queue of the staff's home page, counted in one statement. */
export async function countStaffQueues(scope: StaffScope): Promise<StaffQueueCounts> {
  const [row] = await db.$queryRaw<{ counts: StaffQueueCounts }[]>`SELECT ${staffQueueCountsSql(scope)} AS "counts"`;
  return row!.counts;
}

/**
 * Everything the staff's home page reads, in one statement (ADR 047): the queues' counts, how the sending of e-mails
 * goes, and today's units at the door. Before: 15 statements (8 counts, 4 for the e-mails, 2 for the door).
 */
export async function readStaffHome(
  scope: StaffScope,
  day: string,
): Promise<{ counts: StaffQueueCounts; sender: SenderStatus; door: DoorUnit[] }> {
  const [row] = await db.$queryRaw<{ counts: StaffQueueCounts; sender: SenderCounts; door: DoorUnit[] }[]>`
    SELECT ${staffQueueCountsSql(scope)} AS "counts", ${senderCountsSql()} AS "sender", ${doorJsonSql(day, scope)} AS "door"`;
  return { counts: row!.counts, sender: senderStatusOf(row!.sender), door: row!.door };
}
