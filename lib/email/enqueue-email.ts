import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { structureNameIn } from "@/lib/settings/manage-portal-identity";
import { escapeHtml, STRUCTURE, type RenderedEmail } from "./templates";

/**
 * Puts an e-mail in the outbox. Call it inside the transaction of the decision
 * it announces: both commit, or neither does. The worker delivers it.
 */
export async function enqueueEmail(tx: Tx, input: EmailInput): Promise<{ id: string }> {
  return tx.emailOutbox.create({ data: await outboxRow(tx, randomUUID(), input), select: { id: true } });
}

interface EmailInput {
  to: string;
  template: string;
  email: RenderedEmail;
  familyId?: string | null;
  /** Read earlier in the transaction (outside a lock held meanwhile). */
  structureName?: string;
}

/** The outbox row of an e-mail, signed with the structure's name in force now. */
async function outboxRow(tx: Tx, idempotencyKey: string, input: EmailInput) {
  const name = input.structureName ?? (await structureNameIn(tx));
  const sign = (text: string, value: string) => text.split(STRUCTURE).join(value);
  return {
    idempotencyKey,
    to: input.to,
    template: input.template,
    subject: sign(input.email.subject, name),
    html: sign(input.email.html, escapeHtml(name)),
    text: sign(input.email.text, name),
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
