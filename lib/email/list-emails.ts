import "server-only";
import { db } from "@/lib/db";
import type { EmailStatus } from "@/lib/generated/prisma/enums";

/** The staff mailbox: every e-mail of the outbox, newest first. */
export async function listEmails(filter: { recipient?: string; status?: EmailStatus; take?: number }) {
  return db.emailOutbox.findMany({
    where: {
      ...(filter.recipient ? { to: { contains: filter.recipient.toLowerCase(), mode: "insensitive" as const } } : {}),
      ...(filter.status ? { status: filter.status } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: filter.take ?? 100,
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      status: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      sentAt: true,
      template: true,
      nextAttemptAt: true,
    },
  });
}
