import "server-only";
import { scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { countNewDownloads } from "@/lib/documents/list-downloads";
import { unreadThreads } from "./list-threads";

/** The navigation's badges: unread answers and new downloads for a family; unread messages and documents waiting for staff. */
export async function navCounts(user: {
  role: string;
  familyId: string | null;
  scope: StaffScope;
}): Promise<Record<string, { value: number; word: string }>> {
  if (user.role === "PARENT" && user.familyId) {
    const [messages, downloads] = await Promise.all([unreadThreads({ familyId: user.familyId }), countNewDownloads(user.familyId)]);
    return {
      "/mes-messages": { value: messages, word: messages > 1 ? "non lus" : "non lu" },
      "/telechargements": { value: downloads, word: downloads > 1 ? "nouveaux" : "nouveau" },
    };
  }
  if (user.role === "STAFF" || user.role === "ADMIN") {
    const [messages, documents] = await Promise.all([
      unreadThreads("staff", user.scope),
      db.document.count({ where: { kind: "FAMILY_UPLOAD", status: "RECEIVED", ...scopeWhere(user.scope).familyDocument } }),
    ]);
    return {
      "/admin/messages": { value: messages, word: messages > 1 ? "non lus" : "non lu" },
      "/admin/documents": { value: documents, word: "en attente" },
    };
  }
  return {};
}
