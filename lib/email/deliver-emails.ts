import { Resend } from "resend";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
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
    if (error || !data) throw new ProviderError(error?.message ?? "réponse vide");
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
 * Claims up to `limit` due e-mails for LOCK_SECONDS (the worker's lease): the
 * rows are skipped by every other worker until the lease ends.
 */
export async function claimDueEmails(limit: number, ids?: string[]): Promise<ClaimedRow[]> {
  const only = ids ? Prisma.sql`AND "id" IN (${Prisma.join(ids.length ? ids : [""])})` : Prisma.empty;
  return db.$queryRaw<ClaimedRow[]>`
    UPDATE "EmailOutbox" SET "lockedUntil" = now() + make_interval(secs => ${LOCK_SECONDS})
    WHERE "id" IN (
      SELECT "id" FROM "EmailOutbox"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= now()
        AND ("lockedUntil" IS NULL OR "lockedUntil" < now()) ${only}
      ORDER BY "createdAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "idempotencyKey", "to", "subject", "html", "text", "attempts"`;
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
  /** Only these rows (a « Renvoyer maintenant », a test); all due rows when absent. */
  ids?: string[],
): Promise<{ sent: number; failed: number }> {
  const claimed = await claimDueEmails(limit, ids);
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
      const message = describeSendError(error);
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

/**
 * What staff read in the mailbox when a sending fails: French, saying whose
 * fault it is; the provider's own words are kept, quoted, for support.
 */
export function describeSendError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` ${error.cause.message}` : "";
  const text = `${raw}${cause}`;
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|fetch failed|socket hang up|Unable to fetch data/i.test(text)) {
    return `Service d'envoi injoignable (réseau) : « ${text.trim()} »`;
  }
  if (error instanceof ProviderError) return `Le service d'envoi a refusé l'e-mail : « ${raw} »`;
  return `Échec de l'envoi : « ${raw} »`;
}

/** An error answered by the e-mail provider (Resend or its stand-in). */
export class ProviderError extends Error {}

/**
 * Staff send an e-mail again, at any time (mailbox page): a failed one goes
 * back in the queue with fresh attempts; one waiting for its next attempt is
 * tried at the next round of the worker. A sent one is never sent twice.
 */
export async function retryEmail(id: string): Promise<void> {
  await db.emailOutbox.updateMany({
    where: { id, status: "FAILED" },
    data: { status: "PENDING", nextAttemptAt: new Date(), attempts: 0, lockedUntil: null },
  });
  await db.emailOutbox.updateMany({
    where: { id, status: "PENDING", OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date() } }] },
    data: { nextAttemptAt: new Date() },
  });
}
