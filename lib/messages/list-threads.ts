import "server-only";
import { ALL_LIEUX, isLimited, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isIn, THREAD_STATUSES } from "@/lib/workflow";

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
export async function listInbox(scope: StaffScope, filter: { status?: "OPEN" | "ANSWERED" | "CLOSED"; mine?: string } = {}) {
  const threads = await db.messageThread.findMany({
    where: {
      ...scopeWhere(scope).thread,
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.mine ? { assignedToId: filter.mine } : {}),
    },
    orderBy: { lastMessageAt: "desc" },
    take: 300,
    select: threadSelect,
  });
  return threads
    .map((t) => ({ ...t, unread: unreadFor("staff", t) }))
    .sort(
      (a, b) =>
        Number(b.unread) - Number(a.unread) ||
        Number(isIn(THREAD_STATUSES.AWAITING_ANSWER, b.status)) - Number(isIn(THREAD_STATUSES.AWAITING_ANSWER, a.status)),
    );
}

/** One thread with its messages: the family's own (else as missing) or any for staff; reading it marks it read for that side. */
export async function readThread(input: { threadId: string; familyId: string | null; scope?: StaffScope }) {
  const thread = await db.messageThread.findFirst({
    where: { id: input.threadId, ...(input.familyId ? { familyId: input.familyId } : scopeWhere(input.scope ?? ALL_LIEUX).thread) },
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
 * Threads with something unread for this side — the other side wrote last, after this side last read — as one scalar
 * subquery, so that the navigation's badges are one statement (lib/messages/count-nav-badges.ts). Every lieu only: a
 * limited staff member's count goes through `scopeWhere` (`unreadThreads`).
 */
export function unreadThreadsCountSql(side: { familyId: string } | "staff"): Prisma.Sql {
  return side === "staff"
    ? Prisma.sql`(SELECT count(*)::int FROM "MessageThread"
        WHERE "lastFromStaff" = false AND "status" <> 'CLOSED' AND ("staffReadAt" IS NULL OR "staffReadAt" < "lastMessageAt"))`
    : Prisma.sql`(SELECT count(*)::int FROM "MessageThread"
        WHERE "familyId" = ${side.familyId} AND "lastFromStaff" = true AND ("familyReadAt" IS NULL OR "familyReadAt" < "lastMessageAt"))`;
}

/** The navigation's count of unread threads for this side, in one count. */
export async function unreadThreads(side: { familyId: string } | "staff", scope: StaffScope = ALL_LIEUX): Promise<number> {
  if (side === "staff" && isLimited(scope)) {
    // Limited staff (ADR 029): the same count, within the threads of their lieux.
    return db.messageThread.count({
      where: {
        ...scopeWhere(scope).thread,
        lastFromStaff: false,
        status: { not: "CLOSED" },
        AND: [{ OR: [{ staffReadAt: null }, { staffReadAt: { lt: db.messageThread.fields.lastMessageAt } }] }],
      },
    });
  }
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT ${unreadThreadsCountSql(side)} AS "n"`;
  return row?.n ?? 0;
}
