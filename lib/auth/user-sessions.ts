import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { UserStatus } from "@/lib/generated/prisma/enums";
import type { PortalIdentity } from "@/lib/settings/defaults";
import { IDENTITY_JSON_SQL, identityOf, type IdentityJson } from "@/lib/settings/manage-portal-identity";
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

/**
 * The live session's user as one JSON value (null when the session row does not exist), in one statement with its lieux:
 * a scalar subquery, so that another read of the same request can carry it (lib/auth/session.ts reads it with the
 * portal's identity, ADR 040). Whether it is live (not expired, this user, account active) is decided by
 * `liveUserOf`, on the app's clock.
 */
export function sessionUserJsonSql(sessionId: string): Prisma.Sql {
  return Prisma.sql`(SELECT json_build_object(
      'expiresAtMs', (extract(epoch FROM s."expiresAt") * 1000)::float8,
      'id', u."id", 'email', u."email", 'role', u."role", 'displayName', u."displayName", 'familyId', u."familyId",
      'status', u."status",
      'structureIds', ARRAY(SELECT l."structureId" FROM "StaffStructure" l WHERE l."userId" = u."id" ORDER BY l."structureId"))
    FROM "UserSession" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ${sessionId})`;
}

/** What `sessionUserJsonSql` gives. */
export interface SessionUserJson {
  expiresAtMs: number;
  id: string;
  email: string;
  role: LiveSessionUser["role"];
  displayName: string;
  familyId: string | null;
  status: UserStatus;
  structureIds: string[];
}

/** The user of a live session (not closed, not expired, this user, account active), else null. */
export function liveUserOf(row: SessionUserJson | null, userId: string): LiveSessionUser | null {
  if (!row) return null;
  const { status, expiresAtMs, ...user } = row;
  return expiresAtMs > Date.now() && user.id === userId && isIn(USER_STATUSES.CAN_SIGN_IN, status) ? user : null;
}

/** The user of a live session (not closed, not expired, account active), else null: one statement. */
export async function userOfSession(sessionId: string, userId: string): Promise<LiveSessionUser | null> {
  const [row] = await db.$queryRaw<{ session: SessionUserJson | null }[]>`SELECT ${sessionUserJsonSql(sessionId)} AS "session"`;
  return liveUserOf(row?.session ?? null, userId);
}

/**
 * What every page's layout needs, in one statement (ADR 040): the live session's user (null without a session or when
 * it is not live) and the portal's identity.
 */
export async function liveUserAndIdentity(
  token: { sessionId: string; userId: string } | null,
): Promise<{ user: LiveSessionUser | null; identity: PortalIdentity }> {
  const session = token ? sessionUserJsonSql(token.sessionId) : Prisma.sql`NULL::json`;
  const [row] = await db.$queryRaw<{ session: SessionUserJson | null; identity: IdentityJson | null }[]>`
    SELECT ${session} AS "session", ${IDENTITY_JSON_SQL} AS "identity"`;
  return {
    user: token ? liveUserOf(row?.session ?? null, token.userId) : null,
    identity: identityOf(row?.identity ?? null),
  };
}
