import "server-only";
import { assertInScope } from "@/lib/auth/staff-scope";
import type { Tx } from "@/lib/db";
import { db, transaction } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { messageAnsweredEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { actorScope, applyTransition, NotFoundError, type Actor, isIn, THREAD_STATUSES } from "@/lib/workflow";
import { lockFamily } from "@/lib/locks";
import { attach, withAttachment } from "./send-family-message";

/** A thread about a child (or a family) of another lieu than the staff's is answered as a missing one (ADR 029). */
const inStaffScope = (tx: Tx, threadId: string, actor: Actor) =>
  assertInScope(actorScope(actor), (s) => tx.messageThread.findFirst({ where: { id: threadId, ...s.thread }, select: { id: true } }));

/** Staff answer: the thread is « répondu » and the family gets an e-mail. */
export async function answerThread(input: { threadId: string; actor: Actor; body: string; file: File | null }) {
  return withAttachment(input.file, (stored) =>
    transaction(async (tx) => {
      await inStaffScope(tx, input.threadId, input.actor);
      const thread = await tx.messageThread.findUnique({
        where: { id: input.threadId },
        select: { status: true, familyId: true, subject: true },
      });
      if (!thread) throw new NotFoundError();
      await lockFamily(tx, thread.familyId);
      const now = new Date();
      if (!isIn(THREAD_STATUSES.ANSWERED, thread.status))
        await applyTransition(tx, {
          machine: "MESSAGE_THREAD",
          id: input.threadId,
          to: "ANSWERED",
          actor: input.actor,
          expectedFrom: thread.status,
        });
      const documentId = await attach(tx, stored, thread.familyId, input.actor, "Pièce jointe de la structure");
      await tx.message.create({
        data: { threadId: input.threadId, authorId: input.actor.userId, fromStaff: true, body: input.body, documentId },
      });
      await tx.messageThread.update({ where: { id: input.threadId }, data: { lastMessageAt: now, lastFromStaff: true, staffReadAt: now } });
      for (const { email: to, person } of await familyRecipients(tx, thread.familyId)) {
        await enqueueEmail(tx, {
          to,
          familyId: thread.familyId,
          template: "message-answered",
          email: messageAnsweredEmail(person, thread.subject, input.threadId),
        });
      }
    }),
  );
}

export async function assignThread(input: { threadId: string; actor: Actor }) {
  await inStaffScope(db, input.threadId, input.actor);
  const { count } = await db.messageThread.updateMany({ where: { id: input.threadId }, data: { assignedToId: input.actor.userId } });
  if (count === 0) throw new NotFoundError();
}

export async function closeThread(input: { threadId: string; actor: Actor }) {
  await transaction(async (tx) => {
    await inStaffScope(tx, input.threadId, input.actor);
    const thread = await tx.messageThread.findUnique({ where: { id: input.threadId }, select: { status: true } });
    if (!thread) throw new NotFoundError();
    if (isIn(THREAD_STATUSES.CLOSED, thread.status)) throw new UserFacingError("Cette conversation est déjà close.");
    await applyTransition(tx, {
      machine: "MESSAGE_THREAD",
      id: input.threadId,
      to: "CLOSED",
      actor: input.actor,
      expectedFrom: thread.status,
    });
  });
}
