import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db";
import type { RenderedEmail } from "./templates";

/**
 * Puts an e-mail in the outbox. Call it inside the transaction of the decision
 * it announces: both commit, or neither does. The worker delivers it.
 */
export async function enqueueEmail(
  tx: Tx,
  input: { to: string; template: string; email: RenderedEmail; familyId?: string | null },
): Promise<{ id: string }> {
  return tx.emailOutbox.create({
    data: {
      idempotencyKey: randomUUID(),
      to: input.to,
      template: input.template,
      subject: input.email.subject,
      html: input.email.html,
      text: input.email.text,
      familyId: input.familyId ?? null,
    },
    select: { id: true },
  });
}
