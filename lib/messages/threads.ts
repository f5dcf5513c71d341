import "server-only";
import { db, transaction, isPrismaError, type Tx } from "@/lib/db";
import { fieldError, UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { messageAnsweredEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { lockFamily } from "@/lib/families/lock-family";
import { fileColumns, withStoredUpload, type StoredUpload } from "@/lib/files/check-upload";
import { applyTransition, createWithStatus, NotFoundError, type Actor } from "@/lib/workflow";

/*
 * « Contact »: a family writes to the structure (objet, texte, an optional
 * attachment, about the family or a child); staff answer, assign a thread to
 * themselves, close it. Writing again opens it. Each side sees what the other
 * wrote since it last read the thread as unread; the family is told by e-mail
 * when staff answer (the text stays on the portal).
 */

/** Threads a family may have waiting for an answer at once (counted under the family's lock). */
export const MAX_OPEN_THREADS = 10;

async function attach(tx: Tx, stored: StoredUpload | null, familyId: string, actor: Actor, title: string) {
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
function withAttachment<T>(file: File | null, write: (stored: StoredUpload | null) => Promise<T>): Promise<T> {
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
}): Promise<{ threadId: string }> {
  return withAttachment(input.file, (stored) =>
    transaction(async (tx) => {
      await lockFamily(tx, input.familyId);
      const now = new Date();
      let threadId = input.threadId;
      if (threadId) {
        const thread = await tx.messageThread.findFirst({ where: { id: threadId, familyId: input.familyId }, select: { status: true } });
        if (!thread) throw new NotFoundError();
        if (thread.status !== "OPEN") {
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
        if (input.childId && !(await tx.child.findFirst({ where: { id: input.childId, familyId: input.familyId }, select: { id: true } })))
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
      await tx.message.create({ data: { threadId, authorId: input.actor.userId, fromStaff: false, body: input.body, documentId } });
      await tx.messageThread.update({ where: { id: threadId }, data: { lastMessageAt: now, lastFromStaff: false, familyReadAt: now } });
      return { threadId };
    }),
  );
}

/** Staff answer: the thread is « répondu » and the family gets an e-mail. */
export async function answerThread(input: { threadId: string; actor: Actor; body: string; file: File | null }) {
  return withAttachment(input.file, (stored) =>
    transaction(async (tx) => {
      const thread = await tx.messageThread.findUnique({
        where: { id: input.threadId },
        select: { status: true, familyId: true, subject: true },
      });
      if (!thread) throw new NotFoundError();
      const now = new Date();
      if (thread.status !== "ANSWERED")
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
  const { count } = await db.messageThread.updateMany({ where: { id: input.threadId }, data: { assignedToId: input.actor.userId } });
  if (count === 0) throw new NotFoundError();
}

export async function closeThread(input: { threadId: string; actor: Actor }) {
  await transaction(async (tx) => {
    const thread = await tx.messageThread.findUnique({ where: { id: input.threadId }, select: { status: true } });
    if (!thread) throw new NotFoundError();
    if (thread.status === "CLOSED") throw new UserFacingError("Cette conversation est déjà close.");
    await applyTransition(tx, {
      machine: "MESSAGE_THREAD",
      id: input.threadId,
      to: "CLOSED",
      actor: input.actor,
      expectedFrom: thread.status,
    });
  });
}

const threadSelect = {
  id: true,
  subject: true,
  status: true,
  lastMessageAt: true,
  lastFromStaff: true,
  familyReadAt: true,
  staffReadAt: true,
  child: { select: { firstName: true } },
  family: { select: { id: true, name: true } },
  assignedTo: { select: { id: true, displayName: true } },
} as const;

const unreadFor = (
  side: "family" | "staff",
  t: { lastFromStaff: boolean; lastMessageAt: Date; familyReadAt: Date | null; staffReadAt: Date | null },
) =>
  side === "family"
    ? t.lastFromStaff && (!t.familyReadAt || t.familyReadAt < t.lastMessageAt)
    : !t.lastFromStaff && (!t.staffReadAt || t.staffReadAt < t.lastMessageAt);

export async function listFamilyThreads(familyId: string) {
  const threads = await db.messageThread.findMany({ where: { familyId }, orderBy: { lastMessageAt: "desc" }, select: threadSelect });
  return threads.map((t) => ({ ...t, unread: unreadFor("family", t) }));
}

/** The staff inbox: unread first, then the open ones, newest first. */
export async function listInbox(filter: { status?: "OPEN" | "ANSWERED" | "CLOSED"; mine?: string } = {}) {
  const threads = await db.messageThread.findMany({
    where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.mine ? { assignedToId: filter.mine } : {}) },
    orderBy: { lastMessageAt: "desc" },
    take: 300,
    select: threadSelect,
  });
  return threads
    .map((t) => ({ ...t, unread: unreadFor("staff", t) }))
    .sort((a, b) => Number(b.unread) - Number(a.unread) || Number(b.status === "OPEN") - Number(a.status === "OPEN"));
}

/** One thread with its messages: the family's own (else as missing) or any for staff; reading it marks it read for that side. */
export async function readThread(input: { threadId: string; familyId: string | null }) {
  const thread = await db.messageThread.findFirst({
    where: { id: input.threadId, ...(input.familyId ? { familyId: input.familyId } : {}) },
    select: {
      ...threadSelect,
      messages: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          body: true,
          fromStaff: true,
          createdAt: true,
          author: { select: { displayName: true } },
          document: { select: { id: true, fileName: true, status: true } },
        },
      },
    },
  });
  if (!thread) return null;
  await db.messageThread.update({
    where: { id: input.threadId },
    data: input.familyId ? { familyReadAt: new Date() } : { staffReadAt: new Date() },
  });
  return thread;
}

/**
 * The navigation's counts (read on every page): threads with something unread for this side — the other side wrote
 * last, after this side last read — in one count.
 */
export async function unreadThreads(side: { familyId: string } | "staff"): Promise<number> {
  const [row] =
    side === "staff"
      ? await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "MessageThread"
        WHERE "lastFromStaff" = false AND "status" <> 'CLOSED' AND ("staffReadAt" IS NULL OR "staffReadAt" < "lastMessageAt")`
      : await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM "MessageThread"
        WHERE "familyId" = ${side.familyId} AND "lastFromStaff" = true AND ("familyReadAt" IS NULL OR "familyReadAt" < "lastMessageAt")`;
  return row?.n ?? 0;
}

export function listTemplates() {
  return db.messageTemplate.findMany({ orderBy: { title: "asc" }, select: { id: true, title: true, body: true } });
}

export async function createTemplate(data: { title: string; body: string }) {
  try {
    return await db.messageTemplate.create({ data, select: { id: true } });
  } catch (error) {
    if (isPrismaError(error, "P2002")) fieldError("title", "Titre : ce modèle existe déjà.");
    throw error;
  }
}
