import "server-only";
import { isLimited, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { newDownloadsCountSql } from "@/lib/documents/list-downloads";
import { unreadThreads, unreadThreadsCountSql } from "./list-threads";

type Badges = Record<string, { value: number; word: string }>;

/**
 * The navigation's badges (read on every signed-in page): unread answers and new downloads for a family; unread
 * messages and documents waiting for staff. Both counts in one statement (ADR 040), except for staff limited to some
 * lieux, whose counts go through `scopeWhere` (ADR 029).
 */
export async function navCounts(user: { role: string; familyId: string | null; scope: StaffScope }): Promise<Badges> {
  if (user.role === "PARENT" && user.familyId) {
    const [row] = await db.$queryRaw<{ messages: number; downloads: number }[]>`
      SELECT ${unreadThreadsCountSql({ familyId: user.familyId })} AS "messages", ${newDownloadsCountSql(user.familyId)} AS "downloads"`;
    const { messages = 0, downloads = 0 } = row ?? {};
    return {
      "/mes-messages": { value: messages, word: messages > 1 ? "non lus" : "non lu" },
      "/telechargements": { value: downloads, word: downloads > 1 ? "nouveaux" : "nouveau" },
    };
  }
  if (user.role === "STAFF" || user.role === "ADMIN") {
    const { messages, documents } = isLimited(user.scope)
      ? {
          messages: await unreadThreads("staff", user.scope),
          documents: await db.document.count({
            where: { kind: "FAMILY_UPLOAD", status: "RECEIVED", ...scopeWhere(user.scope).familyDocument },
          }),
        }
      : ((
          await db.$queryRaw<{ messages: number; documents: number }[]>`
            SELECT ${unreadThreadsCountSql("staff")} AS "messages",
              (SELECT count(*)::int FROM "Document" WHERE "kind" = 'FAMILY_UPLOAD' AND "status" = 'RECEIVED') AS "documents"`
        )[0] ?? { messages: 0, documents: 0 });
    return {
      "/admin/messages": { value: messages, word: messages > 1 ? "non lus" : "non lu" },
      "/admin/documents": { value: documents, word: "en attente" },
    };
  }
  return {};
}
