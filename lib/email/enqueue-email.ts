import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { portalNamesIn, type PortalNames } from "@/lib/settings/manage-portal-identity";
import { escapeHtml, PORTAL, STRUCTURE, type RenderedEmail } from "./templates";

/**
 * Puts an e-mail in the outbox. Call it inside the transaction of the decision
 * it announces: both commit, or neither does. The worker delivers it.
 */
export async function enqueueEmail(tx: Tx, input: EmailInput): Promise<{ id: string }> {
  return tx.emailOutbox.create({ data: await outboxRow(tx, randomUUID(), input), select: { id: true } });
}

/**
 * Several e-mails in one statement (the receipt of a booking to each parent of the family, written under the slot's
 * lock where every round trip makes the next parent wait, ADR 045): the same rows as enqueueEmail's.
 */
export async function enqueueEmails(tx: Tx, inputs: EmailInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const rows = [];
  for (const input of inputs) rows.push({ id: randomUUID(), ...(await outboxRow(tx, randomUUID(), input)) });
  const now = new Date();
  await tx.$executeRaw`
    INSERT INTO "EmailOutbox" ("id", "idempotencyKey", "familyId", "template", "to", "subject", "html", "text", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT e."id", e."idempotencyKey", e."familyId", e."template", e."to", e."subject", e."html", e."text",
           ${now}::timestamp(3), ${now}::timestamp(3), ${now}::timestamp(3)
    FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS e("id" text, "idempotencyKey" text, "familyId" text, "template" text, "to" text, "subject" text, "html" text, "text" text)`;
}

interface EmailInput {
  to: string;
  template: string;
  email: RenderedEmail;
  familyId?: string | null;
  /** Read earlier in the transaction (outside a lock held meanwhile). */
  names?: PortalNames;
}

/** The outbox row of an e-mail, signed with the structure's and the product's names in force now. */
async function outboxRow(tx: Tx, idempotencyKey: string, input: EmailInput) {
  const names = input.names ?? (await portalNamesIn(tx));
  const sign = (text: string, escape: (value: string) => string) =>
    text.split(STRUCTURE).join(escape(names.structure)).split(PORTAL).join(escape(names.product));
  const plain = (value: string) => value;
  return {
    idempotencyKey,
    to: input.to,
    template: input.template,
    subject: sign(input.email.subject, plain),
    html: sign(input.email.html, escapeHtml),
    text: sign(input.email.text, plain),
    familyId: input.familyId ?? null,
  };
}

/**
 * The same, at most once per `key` (a reminder): the outbox's unique idempotency key decides, in one statement,
 * even when the job runs twice or on two servers at once. True when this call queued it.
 */
export async function enqueueEmailOnce(tx: Tx, key: string, input: EmailInput): Promise<boolean> {
  const { count } = await tx.emailOutbox.createMany({ data: [await outboxRow(tx, key, input)], skipDuplicates: true });
  return count === 1;
}
