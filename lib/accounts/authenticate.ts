import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";

import { SIGN_IN_WINDOW_MINUTES, type SignInFailure } from "./sign-in-messages";

export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;
/** Recorded when no proxy tells the visitor's IP; never counted as one IP. */
export const UNKNOWN_IP = "inconnue";

export type AuthenticationResult =
  | { ok: true; user: { id: string; email: string; role: Role; displayName: string; familyId: string | null } }
  | { ok: false; failure: SignInFailure };

/**
 * Checks e-mail and password, with rate limiting per e-mail and per IP: after
 * too many failures within the window, even the right password is refused.
 */
export async function authenticate(input: { email: string; password: string; ip: string | null }): Promise<AuthenticationResult> {
  const email = input.email.trim().toLowerCase();
  const ip = input.ip ?? UNKNOWN_IP;
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MINUTES * 60_000);
  const [byEmail, byIp] = await Promise.all([
    db.signInAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
    input.ip === null ? 0 : db.signInAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }),
  ]);
  if (byEmail >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP) {
    await db.signInAttempt.create({ data: { email, ip, succeeded: false } });
    return { ok: false, failure: "RATE_LIMITED" };
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, role: true, displayName: true, familyId: true, passwordHash: true, isActive: true },
  });
  let failure: SignInFailure | null = null;
  if (user) {
    if (!(await verifyPassword(user.passwordHash, input.password))) failure = "INVALID";
    else if (!user.isActive) failure = "INACTIVE";
  } else {
    // Someone who asked for an account: tell them where it stands, but only with the right password.
    const request = await db.accountRequest.findFirst({
      where: { email },
      orderBy: { createdAt: "desc" },
      select: { status: true, passwordHash: true },
    });
    const matches = await verifyPassword(request?.passwordHash ?? (await dummyPasswordHash()), input.password);
    failure = request && matches && request.status !== "VALIDATED" ? request.status : "INVALID";
  }

  await db.signInAttempt.create({ data: { email, ip, succeeded: failure === null } });
  if (failure !== null || !user) return { ok: false, failure: failure ?? "INVALID" };
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return {
    ok: true,
    user: { id: user.id, email: user.email, role: user.role, displayName: user.displayName, familyId: user.familyId },
  };
}
