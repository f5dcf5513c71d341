import "server-only";
import { db, type Tx } from "@/lib/db";
import { isIn, USER_STATUSES } from "@/lib/workflow";

/** How long a session lasts from sign-in, whatever happens on the device. */
export const SESSION_HOURS = 8;

/** A new signed-in device; the id travels in the encrypted session cookie. */
export async function openSession(userId: string, userAgent: string | null): Promise<string> {
  const now = new Date();
  // Two independent statements side by side, not a transaction (BEGIN … COMMIT is two more round trips on the way to
  // the dashboard, ADR 037): the housekeeping of the user's expired sessions need not be atomic with the new one.
  const [, session] = await Promise.all([
    db.userSession.deleteMany({ where: { userId, expiresAt: { lt: now } } }),
    db.userSession.create({
      data: { userId, userAgent: userAgent?.slice(0, 300) ?? null, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) },
      select: { id: true },
    }),
  ]);
  return session.id;
}

/** « Se déconnecter »: this device only. */
export async function closeSession(sessionId: string): Promise<void> {
  await db.userSession.deleteMany({ where: { id: sessionId } });
}

/**
 * Every device of this user: « Se déconnecter de tous les appareils », a new
 * password, a deactivation, a new login e-mail. Joins the caller's transaction.
 */
export async function closeAllSessions(tx: Tx, userId: string): Promise<number> {
  return (await tx.userSession.deleteMany({ where: { userId } })).count;
}

export interface LiveSessionUser {
  id: string;
  email: string;
  role: "PARENT" | "STAFF" | "ADMIN";
  displayName: string;
  familyId: string | null;
  /** The lieux d'accueil the account is limited to (ADR 029); empty: every lieu. */
  structureIds: string[];
}

/** The user of a live session (not closed, not expired, account active), else null. */
export async function userOfSession(sessionId: string, userId: string): Promise<LiveSessionUser | null> {
  const row = await db.userSession.findUnique({
    where: { id: sessionId },
    select: {
      expiresAt: true,
      user: {
        select: {
          id: true,
          email: true,
          role: true,
          displayName: true,
          familyId: true,
          status: true,
          lieux: { select: { structureId: true } },
        },
      },
    },
  });
  if (!row || row.expiresAt <= new Date() || row.user.id !== userId) return null;
  const { status, lieux, ...user } = row.user;
  return isIn(USER_STATUSES.CAN_SIGN_IN, status) ? { ...user, structureIds: lieux.map((l) => l.structureId) } : null;
}
