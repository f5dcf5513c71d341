import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { UserFacingError, actorFromUser, type Actor } from "@/lib/workflow";
import { authOptions } from "./options";

export interface SessionUser {
  id: string;
  email: string;
  role: Role;
  displayName: string;
  familyId: string | null;
  actor: Actor;
}

/**
 * The signed-in user, read again from the database on every request: a
 * deactivated account or a changed role takes effect at once.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, role: true, displayName: true, familyId: true, isActive: true },
  });
  if (!user || !user.isActive) return null;
  return { ...user, actor: actorFromUser(user) };
});

export class AccessDeniedError extends UserFacingError {
  constructor(message = "Accès refusé.") {
    super(message);
    this.name = "AccessDeniedError";
  }
}

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

export async function parentPage(path: string): Promise<SessionUser & { familyId: string }> {
  const user = await getSessionUser();
  if (!user) redirect(`/connexion?retour=${encodeURIComponent(path)}`);
  if (user.role !== "PARENT" || !user.familyId) redirect("/acces-refuse");
  return { ...user, familyId: user.familyId };
}

export async function staffPage(path: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/connexion?retour=${encodeURIComponent(path)}`);
  if (!isStaff(user.role)) redirect("/acces-refuse");
  return user;
}

export function homeFor(role: Role): string {
  return isStaff(role) ? "/admin" : "/tableau-de-bord";
}
