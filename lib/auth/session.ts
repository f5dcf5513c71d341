import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { redirect } from "next/navigation";
import type { Role } from "@/lib/generated/prisma/enums";
import { actorFromUser, type Actor } from "@/lib/workflow";
import { liveUserAndIdentity } from "./user-sessions";
import type { PortalIdentity } from "@/lib/settings/defaults";
import { AccessDeniedError } from "@/lib/errors";
import { noteRequestUser } from "@/lib/request-faults";
import { scopeOf, type StaffScope } from "./staff-scope";

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  displayName: string;
  familyId: string | null;
  /** The lieux d'accueil a staff member sees and decides for (ADR 029); also carried by `actor`. */
  scope: StaffScope;
  actor: Actor;
}

/** next-auth's cookie: `__Secure-` prefixed when the app is served over https. */
export function sessionCookieName(): string {
  const secure = (process.env.NEXTAUTH_URL ?? process.env.APP_URL ?? "").startsWith("https://");
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

/** The session cookie's content: who, and which server-side session. */
export async function readSessionToken(): Promise<{ userId: string; sessionId: string } | null> {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  const secret = process.env.NEXTAUTH_SECRET;
  if (!raw || !secret) return null;
  const token = await decode({ token: raw, secret }).catch(() => null);
  if (typeof token?.userId !== "string" || typeof token.sessionId !== "string") return null;
  return { userId: token.userId, sessionId: token.sessionId };
}

/**
 * What the request's pages and layout read of the session and the portal, once per request and in one statement
 * (ADR 040): the signed-in user, read again from the database on every request with the server-side session (a closed
 * session, a deactivated account or a changed role takes effect at once), and the portal's identity (a change shows
 * on the next page, on every server: nothing is kept between requests).
 */
const readRequest = cache(async (): Promise<{ user: SessionUser | null; identity: PortalIdentity }> => {
  const token = await readSessionToken();
  const { user, identity } = await liveUserAndIdentity(token);
  if (!user) return { user: null, identity };
  noteRequestUser(user.id);
  const { structureIds, ...rest } = user;
  const scope = scopeOf(user.role, structureIds);
  return { user: { ...rest, scope, actor: actorFromUser(user, scope) }, identity };
});

/** The signed-in user of this request (see `readRequest`), else null. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => (await readRequest()).user);

/** The portal's identity, read with the session by the same statement (the layout, the page titles). */
export const getRequestIdentity = cache(async (): Promise<PortalIdentity> => (await readRequest()).identity);

const isStaff = (role: Role) => role === "STAFF" || role === "ADMIN";

// ── For server actions and route handlers: throw, the action helper turns it into a message.

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AccessDeniedError("Votre session a expiré. Reconnectez-vous.");
  return user;
}

export async function requireParent(): Promise<SessionUser & { familyId: string }> {
  const user = await requireUser();
  if (user.role !== "PARENT" || !user.familyId) throw new AccessDeniedError();
  return { ...user, familyId: user.familyId };
}

export async function requireStaff(): Promise<SessionUser> {
  const user = await requireUser();
  if (!isStaff(user.role)) throw new AccessDeniedError();
  return user;
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") throw new AccessDeniedError();
  return user;
}

// ── For pages: send the visitor to the sign-in page, or to the refusal page.

/** A page's query as Next.js gives it (`searchParams`). */
export type PageQuery = Record<string, string | string[] | undefined>;

/**
 * The sign-in page, asked to come back to this page with its own query
 * (`?mois=…`, `?paiement=…`): `path` is the page's own, never read from the
 * request; the sign-in page follows `retour` only within our origin.
 */
async function toSignIn(path: string, query?: PageQuery | Promise<PageQuery>): Promise<never> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries((await query) ?? {})) {
    for (const one of [value ?? []].flat()) search.append(name, one);
  }
  const back = search.size > 0 ? `${path}?${search.toString()}` : path;
  redirect(`/connexion?retour=${encodeURIComponent(back)}`);
}

export async function parentPage(path: string, query?: PageQuery | Promise<PageQuery>): Promise<SessionUser & { familyId: string }> {
  const user = await getSessionUser();
  if (!user) return toSignIn(path, query);
  if (user.role !== "PARENT" || !user.familyId) redirect("/acces-refuse");
  return { ...user, familyId: user.familyId };
}

export async function staffPage(path: string, query?: PageQuery | Promise<PageQuery>): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) return toSignIn(path, query);
  if (!isStaff(user.role)) redirect("/acces-refuse");
  return user;
}

/** An administrator's page (« Équipe »): a staff member who is not one is sent to the refusal page. */
export async function adminPage(path: string, query?: PageQuery | Promise<PageQuery>): Promise<SessionUser> {
  const user = await staffPage(path, query);
  if (user.role !== "ADMIN") redirect("/acces-refuse");
  return user;
}

export function homeFor(role: Role): string {
  return isStaff(role) ? "/admin" : "/tableau-de-bord";
}
