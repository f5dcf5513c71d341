import "server-only";
import { db } from "@/lib/db";
import { listFamilyRequests } from "./get-family-dashboard";

/** Requests of a family and every decision taken on them (staff family page). */
export async function getFamilyHistory(familyId: string) {
  const requests = await listFamilyRequests(familyId);
  const log = await db.transitionLog.findMany({
    where: { entityId: { in: requests.map((r) => r.id) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, entityId: true, fromStatus: true, toStatus: true, actorRole: true, reason: true, createdAt: true, actor: { select: { displayName: true } } },
  });
  // Deactivations and reactivations of the family's logins (USER_ACCOUNT machine).
  const users = await db.user.findMany({ where: { familyId }, select: { id: true } });
  const accountLog = await db.transitionLog.findMany({
    where: { machine: "USER_ACCOUNT", entityId: { in: users.map((u) => u.id) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, entityId: true, toStatus: true, reason: true, createdAt: true, actor: { select: { displayName: true } } },
  });
  return { requests, log, accountLog };
}
