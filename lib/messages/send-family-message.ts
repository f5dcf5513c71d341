import "server-only";
import { familyChildWhere } from "@/lib/families/foyers";
import { transaction, type Tx } from "@/lib/db";
import { fieldError, UserFacingError } from "@/lib/errors";
import { lockFamily } from "@/lib/locks";
import { fileColumns, withStoredUpload, type StoredUpload } from "@/lib/files/check-upload";
import { applyTransition, createWithStatus, NotFoundError, type Actor, isIn, THREAD_STATUSES } from "@/lib/workflow";

/*
 * « Contact »: a family writes to the structure (objet, texte, an optional
 * attachment, about the family or a child); staff answer, assign a thread to
 * themselves, close it. Writing again opens it. Each side sees what the other
 * wrote since it last read the thread as unread; the family is told by e-mail
 * when staff answer (the text stays on the portal).
 */

/** Threads a family may have waiting for an answer at once (counted under the family's lock). */
export const MAX_OPEN_THREADS = 10;

export async function attach(tx: Tx, stored: StoredUpload | null, familyId: string, actor: Actor, title: string) {
  if (!stored) return null;
  const doc = await createWithStatus(tx, { machine: "DOCUMENT", status: "RECEIVED", actor }, () =>
    tx.document.create({
      data: { familyId, kind: "MESSAGE_ATTACHMENT", status: "RECEIVED", title, ...fileColumns(stored), uploadedById: actor.userId },
      select: { id: true },
    }),
  );
  return doc.id;
}

/**
 * The attachment is optional: without one (the browser sends an empty, unnamed file), `write` runs alone; with one,
 * through the one way uploads are kept. A chosen file that is empty is refused, never dropped silently.
 */
export function withAttachment<T>(file: File | null, write: (stored: StoredUpload | null) => Promise<T>): Promise<T> {
  if (!file || (file.size === 0 && file.name === "")) return write(null);
  if (file.size === 0) {
    const name = file.name.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 80);
    fieldError(
      "file",
      `Pièce jointe : le fichier « ${name} » est vide (0 octet). Choisissez-le à nouveau, ou envoyez le message sans pièce jointe.`,
    );
  }
  return withStoredUpload(file, "file", write);
}

/** A new message of the family: a new thread, or a reply in one of its threads. */
export async function sendFamilyMessage(input: {
  familyId: string;
  actor: Actor;
  threadId: string | null;
  subject: string | null;
  childId: string | null;
  body: string;
  file: File | null;
}): Promise<{ threadId: string; messageId: string }> {
  return withAttachment(input.file, (stored) =>
    transaction(async (tx) => {
      await lockFamily(tx, input.familyId);
      const now = new Date();
      let threadId = input.threadId;
      if (threadId) {
        const thread = await tx.messageThread.findFirst({ where: { id: threadId, familyId: input.familyId }, select: { status: true } });
        if (!thread) throw new NotFoundError();
        if (!isIn(THREAD_STATUSES.AWAITING_ANSWER, thread.status)) {
          // Writing again reopens the conversation: it counts among those waiting for an answer.
          if ((await tx.messageThread.count({ where: { familyId: input.familyId, status: "OPEN" } })) >= MAX_OPEN_THREADS) {
            throw new UserFacingError(
              `Vous avez déjà ${MAX_OPEN_THREADS} messages en attente de réponse : attendez la réponse de la structure.`,
            );
          }
          await applyTransition(tx, {
            machine: "MESSAGE_THREAD",
            id: threadId,
            to: "OPEN",
            actor: input.actor,
            expectedFrom: thread.status,
          });
        }
      } else {
        if (!input.subject) fieldError("subject", "Objet : champ obligatoire.");
        // About a shared child, either foyer writes; the thread stays this foyer's own (ADR 051).
        if (
          input.childId &&
          !(await tx.child.findFirst({ where: { id: input.childId, ...familyChildWhere(input.familyId) }, select: { id: true } }))
        )
          throw new NotFoundError();
        const open = await tx.messageThread.count({ where: { familyId: input.familyId, status: "OPEN" } });
        if (open >= MAX_OPEN_THREADS)
          throw new UserFacingError(`Vous avez déjà ${MAX_OPEN_THREADS} messages en attente de réponse : écrivez plutôt dans l'un d'eux.`);
        threadId = (
          await createWithStatus(tx, { machine: "MESSAGE_THREAD", status: "OPEN", actor: input.actor }, () =>
            tx.messageThread.create({
              data: { familyId: input.familyId, childId: input.childId, subject: input.subject!, status: "OPEN" },
              select: { id: true },
            }),
          )
        ).id;
      }
      const documentId = await attach(tx, stored, input.familyId, input.actor, "Pièce jointe d'un message");
      const message = await tx.message.create({
        data: { threadId, authorId: input.actor.userId, fromStaff: false, body: input.body, documentId },
        select: { id: true },
      });
      await tx.messageThread.update({ where: { id: threadId }, data: { lastMessageAt: now, lastFromStaff: false, familyReadAt: now } });
      return { threadId, messageId: message.id };
    }),
  );
}
