import { count } from "@/lib/format";
import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";
import { EMAIL_STATUSES } from "@/lib/workflow";

export interface SenderStatus {
  /** EMAIL_WORKER=off: nothing leaves this server. */
  workerOff: boolean;
  usesStandIn: boolean;
  /** E-mails waiting for a new attempt after a failure, and given up ones. */
  retrying: number;
  failed: number;
  /** Waiting for more than 5 minutes (the worker is stuck or off). */
  late: number;
  lastError: string | null;
}

/**
 * The counts behind `SenderStatus`, as one JSON value (a scalar subquery): read alone by `getSenderStatus`, or with the
 * staff's home page's other counts in one statement (ADR 047).
 */
export function senderCountsSql(now = new Date()): Prisma.Sql {
  const fiveMinutesAgo = new Date(now.getTime() - 5 * 60_000);
  const undelivered = [...EMAIL_STATUSES.UNDELIVERED];
  return Prisma.sql`json_build_object(
    'retrying', (SELECT count(*)::int FROM "EmailOutbox" e WHERE e."status" = 'PENDING' AND e."attempts" > 0),
    'failed', (SELECT count(*)::int FROM "EmailOutbox" e WHERE e."status" = 'FAILED'),
    'late', (SELECT count(*)::int FROM "EmailOutbox" e WHERE e."status" = 'PENDING' AND e."createdAt" < ${fiveMinutesAgo}),
    'lastError', (SELECT e."lastError" FROM "EmailOutbox" e WHERE e."status" = ANY(${undelivered}::"EmailStatus"[])
      AND e."lastError" IS NOT NULL ORDER BY e."updatedAt" DESC LIMIT 1))`;
}

/** What `senderCountsSql` gives. */
export interface SenderCounts {
  retrying: number;
  failed: number;
  late: number;
  lastError: string | null;
}

export function senderStatusOf(counts: SenderCounts): SenderStatus {
  return {
    workerOff: process.env.EMAIL_WORKER === "off",
    usesStandIn: config.usesEmailStandIn,
    retrying: counts.retrying,
    failed: counts.failed,
    late: counts.late,
    lastError: counts.lastError ?? null,
  };
}

/** How the sending of e-mails goes, for /admin, the mailbox and /api/sante: one statement. */
export async function getSenderStatus(now = new Date()): Promise<SenderStatus> {
  const [row] = await db.$queryRaw<{ sender: SenderCounts }[]>`SELECT ${senderCountsSql(now)} AS "sender"`;
  return senderStatusOf(row!.sender);
}

/** One sentence for staff when something is wrong, else null. */
export function senderWarning(status: SenderStatus): string | null {
  if (status.workerOff) {
    return `L'envoi des e-mails est arrêté sur ce serveur (EMAIL_WORKER=off) : ${count(status.late, "e-mail attend", "e-mails attendent")} depuis plus de 5 minutes. Les familles ne reçoivent rien tant qu'il n'est pas relancé.`;
  }
  if (status.retrying > 0 || status.failed > 0) {
    return `L'envoi des e-mails rencontre des échecs : ${count(status.retrying, "e-mail")} en attente d'une nouvelle tentative, ${count(status.failed, "abandonné")}.${status.lastError ? ` Dernière erreur : ${status.lastError}` : ""}`;
  }
  if (status.late > 0)
    return `${count(status.late, "e-mail attend", "e-mails attendent")} depuis plus de 5 minutes : vérifiez que le serveur tourne.`;
  return null;
}
