import "server-only";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";
import { clear, giveBack, isExhausted, take, type Limit } from "@/lib/auth/rate-limit";

import { NOT_ACTIVATED_PASSWORD_HASH } from "@/lib/import/not-activated";
import { SIGN_IN_WINDOW_MINUTES, type SignInFailure } from "./sign-in-messages";
import { ACCOUNT_REQUEST_STATUSES, isIn, USER_STATUSES } from "@/lib/workflow";

/** Password checks allowed per e-mail, and per IP address, in a window of SIGN_IN_WINDOW_MINUTES. */
export const SIGN_IN_PER_EMAIL: Limit = { name: "connexion-email", points: 5, windowSeconds: SIGN_IN_WINDOW_MINUTES * 60 };
export const SIGN_IN_PER_IP: Limit = { name: "connexion-ip", points: 20, windowSeconds: SIGN_IN_WINDOW_MINUTES * 60 };
export const MAX_FAILURES_PER_EMAIL = SIGN_IN_PER_EMAIL.points;
export const MAX_FAILURES_PER_IP = SIGN_IN_PER_IP.points;
/** Recorded in the sign-in log when the IP is unknown (no server in front told it); never counted as one IP. */
export const UNKNOWN_IP = "inconnue";

export type AuthenticationResult =
  | { ok: true; user: { id: string; email: string; role: Role; displayName: string; familyId: string | null } }
  | { ok: false; failure: SignInFailure };

/**
 * Checks e-mail and password. Every password check takes one point per e-mail
 * and per IP first, atomically, so that N parallel attempts check at most the
 * limit; an attempt refused by the limit checks nothing and counts nothing
 * (the window is never extended by refusals). A successful sign-in, or a new
 * password, clears the e-mail's counter.
 */
export async function authenticate(input: { email: string; password: string; ip: string | null }): Promise<AuthenticationResult> {
  const email = input.email.trim().toLowerCase();
  const ip = input.ip;
  const limited: AuthenticationResult = { ok: false, failure: "RATE_LIMITED" };

  // The account is read alongside the counters (a read, used only once the limits let the attempt through): one
  // round trip less on the way to the password check (ADR 037).
  const [emailFull, ipFull, user] = await Promise.all([
    isExhausted(SIGN_IN_PER_EMAIL, email),
    ip === null ? false : isExhausted(SIGN_IN_PER_IP, ip),
    db.user.findUnique({
      where: { email },
      select: { id: true, email: true, role: true, displayName: true, familyId: true, passwordHash: true, status: true },
    }),
  ]);
  if (emailFull || ipFull) return limited;
  if (!(await take(SIGN_IN_PER_EMAIL, email))) return limited;
  if (ip !== null && !(await take(SIGN_IN_PER_IP, ip))) {
    await giveBack(SIGN_IN_PER_EMAIL, email);
    return limited;
  }

  let failure: SignInFailure | null = null;
  if (user && user.passwordHash === NOT_ACTIVATED_PASSWORD_HASH) {
    // Imported, no password chosen yet: no password can be right, say how to activate (the same work as a check).
    await verifyPassword(await dummyPasswordHash(), input.password);
    failure = isIn(USER_STATUSES.CAN_SIGN_IN, user.status) ? "NOT_ACTIVATED" : "INVALID";
  } else if (user) {
    if (!(await verifyPassword(user.passwordHash, input.password))) failure = "INVALID";
    else if (!isIn(USER_STATUSES.CAN_SIGN_IN, user.status)) failure = "INACTIVE";
  } else {
    // Someone who asked for an account: tell them where it stands, but only with the right password.
    const request = await db.accountRequest.findFirst({
      where: { email },
      orderBy: { createdAt: "desc" },
      select: { status: true, passwordHash: true },
    });
    const matches = await verifyPassword(request?.passwordHash ?? (await dummyPasswordHash()), input.password);
    failure = request && matches && isIn(ACCOUNT_REQUEST_STATUSES.NOT_AN_ACCOUNT, request.status) ? request.status : "INVALID";
  }

  const attempt = { data: { email, ip: ip ?? UNKNOWN_IP, succeeded: failure === null } };
  if (failure !== null || !user) {
    await db.signInAttempt.create(attempt);
    return { ok: false, failure: failure ?? "INVALID" };
  }
  // Independent writes, side by side rather than one after the other.
  await Promise.all([
    db.signInAttempt.create(attempt),
    clear(SIGN_IN_PER_EMAIL, email),
    ip === null ? null : giveBack(SIGN_IN_PER_IP, ip),
    db.user.update({
      where: { id: user.id },
      // A hash made with older parameters still verified: it is replaced now, while the password is known (ADR 037).
      data: { lastSignInAt: new Date(), ...(needsRehash(user.passwordHash) ? { passwordHash: await hashPassword(input.password) } : {}) },
    }),
  ]);
  return {
    ok: true,
    user: { id: user.id, email: user.email, role: user.role, displayName: user.displayName, familyId: user.familyId },
  };
}
