import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import { structureNameIn } from "@/lib/settings/identity";
import { escapeHtml, STRUCTURE, type RenderedEmail } from "./templates";

/**
 * Puts an e-mail in the outbox. Call it inside the transaction of the decision
 * it announces: both commit, or neither does. The worker delivers it.
 */
export async function enqueueEmail(
  tx: Tx,
  input: { to: string; template: string; email: RenderedEmail; familyId?: string | null; /** Read earlier in the transaction (outside a lock held meanwhile). */ structureName?: string },
): Promise<{ id: string }> {
  const name = input.structureName ?? (await structureNameIn(tx));
  const sign = (text: string, value: string) => text.split(STRUCTURE).join(value);
  return tx.emailOutbox.create({
    data: {
      idempotencyKey: randomUUID(),
      to: input.to,
      template: input.template,
      subject: sign(input.email.subject, name),
      html: sign(input.email.html, escapeHtml(name)),
      text: sign(input.email.text, name),
      familyId: input.familyId ?? null,
    },
    select: { id: true },
  });
}
