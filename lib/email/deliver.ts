import { Resend } from "resend";
import { db } from "@/lib/db";
import { config, STAND_IN_API_KEY } from "@/lib/config";

export interface OutgoingEmail {
  idempotencyKey: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Sends one e-mail; throws on failure. Resolves with the provider's message id. */
export type EmailSender = (email: OutgoingEmail) => Promise<string>;

export function resendSender(): EmailSender {
  const resend = new Resend(config.resendApiKey || STAND_IN_API_KEY, {
    baseUrl: config.resendBaseUrl,
  } as ConstructorParameters<typeof Resend>[1]);
  return async (email) => {
    const { data, error } = await resend.emails.send(
      { from: config.mailFrom, to: email.to, subject: email.subject, html: email.html, text: email.text },
      // Resend keeps the key 24 h: a retry after a crash never sends twice.
      { idempotencyKey: email.idempotencyKey },
    );
    if (error || !data) throw new Error(error?.message ?? "Réponse vide du service d'e-mail");
    return data.id;
  };
}

export const MAX_ATTEMPTS = 8;
const LOCK_SECONDS = 60;

/** 30 s, 1 min, 2 min… capped at one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempts - 1), 3600);
}

interface ClaimedRow {
  id: string;
  idempotencyKey: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
}

/**
 * Delivers up to `limit` due e-mails. Rows are claimed with SKIP LOCKED and a
 * lease (lockedUntil): two workers never take the same row, and a worker killed
 * mid-batch leaves rows that are retried after the lease, with the same
 * idempotency key, so nothing is lost and nothing is sent twice.
 */
export async function deliverDueEmails(
  send: EmailSender = resendSender(),
  limit = 20,
): Promise<{ sent: number; failed: number }> {
  const claimed = await db.$queryRaw<ClaimedRow[]>`
    UPDATE "EmailOutbox" SET "lockedUntil" = now() + make_interval(secs => ${LOCK_SECONDS})
    WHERE "id" IN (
      SELECT "id" FROM "EmailOutbox"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= now()
        AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
      ORDER BY "createdAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "idempotencyKey", "to", "subject", "html", "text", "attempts"`;
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    try {
      const providerId = await send(row);
      await db.emailOutbox.update({
        where: { id: row.id },
        data: {
          status: "SENT",
          providerId,
          sentAt: new Date(),
          attempts: row.attempts + 1,
          lockedUntil: null,
          lastError: null,
        },
      });
      sent += 1;
    } catch (error) {
      const attempts = row.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      await db.emailOutbox.update({
        where: { id: row.id },
        data: {
          attempts,
          lastError: message.slice(0, 1000),
          lockedUntil: null,
          status: attempts >= MAX_ATTEMPTS ? "FAILED" : "PENDING",
          nextAttemptAt: new Date(Date.now() + backoffSeconds(attempts) * 1000),
        },
      });
      console.error(`[e-mail] échec d'envoi (${attempts}/${MAX_ATTEMPTS}) à ${row.to} : ${message}`);
      failed += 1;
    }
  }
  return { sent, failed };
}

/** Staff put a failed e-mail back in the queue (mailbox page). */
export async function retryEmail(id: string): Promise<void> {
  await db.emailOutbox.updateMany({
    where: { id, status: "FAILED" },
    data: { status: "PENDING", nextAttemptAt: new Date(), attempts: 0 },
  });
}
