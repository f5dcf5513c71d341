import { count } from "@/lib/format";
import "server-only";
import { db } from "@/lib/db";
import { config } from "@/lib/config";
import { EMAIL_STATUSES, statusIn } from "@/lib/workflow";

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

/** How the sending of e-mails goes, for /admin, the mailbox and /api/sante. */
export async function getSenderStatus(): Promise<SenderStatus> {
  const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
  const [retrying, failed, late, last] = await Promise.all([
    db.emailOutbox.count({ where: { status: "PENDING", attempts: { gt: 0 } } }),
    db.emailOutbox.count({ where: { status: "FAILED" } }),
    db.emailOutbox.count({ where: { status: "PENDING", createdAt: { lt: fiveMinutesAgo } } }),
    db.emailOutbox.findFirst({
      where: { status: statusIn(EMAIL_STATUSES.UNDELIVERED), lastError: { not: null } },
      orderBy: { updatedAt: "desc" },
      select: { lastError: true },
    }),
  ]);
  return {
    workerOff: process.env.EMAIL_WORKER === "off",
    usesStandIn: config.usesEmailStandIn,
    retrying,
    failed,
    late,
    lastError: last?.lastError ?? null,
  };
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
