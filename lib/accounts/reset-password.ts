import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { transaction, type Tx } from "@/lib/db";
import { config } from "@/lib/config";
import { hashPassword } from "@/lib/auth/password";
import { clear } from "@/lib/auth/rate-limit";
import { closeAllSessions } from "@/lib/auth/user-sessions";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { passwordResetEmail, passwordResetNoAccountEmail } from "@/lib/email/templates";

import { anonymousEmailLimits } from "./anonymous-limits";
import { SIGN_IN_PER_EMAIL } from "./authenticate";
import { UserFacingError } from "@/lib/errors";
import { isIn, USER_STATUSES } from "@/lib/workflow";

export const RESET_TOKEN_MINUTES = 60;

function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * « Mot de passe oublié »: the same answer and the same work whether the
 * address has an active account or not — a token is drawn, one transaction
 * writes one e-mail to the outbox — so that neither the page nor its timing
 * tells which addresses have an account. Only the e-mail differs: a
 * single-use link, or « aucun compte actif ne correspond ».
 */
export async function requestPasswordReset(email: string, ip: string | null): Promise<void> {
  await anonymousEmailLimits("mot-de-passe", email, ip);
  const token = randomBytes(32).toString("base64url");
  await transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, status: true, adult: { select: { civility: true, lastName: true, firstName: true } }, displayName: true },
    });
    const active = user && isIn(USER_STATUSES.CAN_SIGN_IN, user.status) ? user : null;
    // A new link replaces the older ones (no row for an unknown address: the same statement runs).
    await tx.passwordResetToken.updateMany({ where: { userId: active?.id ?? "", usedAt: null }, data: { usedAt: new Date() } });
    if (!active) {
      await enqueueEmail(tx, { to: email, template: "password-reset-no-account", email: passwordResetNoAccountEmail() });
      return;
    }
    await tx.passwordResetToken.create({
      data: { userId: active.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000) },
    });
    const person = active.adult ?? { civility: "M" as const, lastName: active.displayName, firstName: "" };
    await enqueueEmail(tx, {
      to: email,
      template: "password-reset",
      email: passwordResetEmail(person, `${config.appUrl}/mot-de-passe-oublie/nouveau?jeton=${token}`, RESET_TOKEN_MINUTES),
    });
  });
}

/**
 * A one-time link to choose a password, valid `minutes`, replacing the account's earlier links: the link of
 * « Mot de passe oublié », also given to a new administrator (npm run admin) — the same page, the same rules.
 */
export async function issuePasswordLink(tx: Tx, userId: string, minutes: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
  await tx.passwordResetToken.create({ data: { userId, tokenHash: sha256(token), expiresAt: new Date(Date.now() + minutes * 60_000) } });
  return `${config.appUrl}/mot-de-passe-oublie/nouveau?jeton=${token}`;
}

export const INVALID_TOKEN_MESSAGE =
  "Ce lien n'est plus valable (déjà utilisé ou expiré). Demandez un nouveau lien depuis « Mot de passe oublié ».";

/**
 * A new password ends every session of the account (a thief's included) and
 * lifts the sign-in lock of its e-mail: the lock message sends people here.
 */
export async function resetPassword(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const email = await transaction(async (tx) => {
    // Marking the token used is the guard: of two concurrent uses, only one changes a row.
    const used = await tx.passwordResetToken.updateManyAndReturn({
      where: { tokenHash: sha256(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
      select: { userId: true },
    });
    if (used.length !== 1) throw new UserFacingError(INVALID_TOKEN_MESSAGE);
    const user = await tx.user.update({
      where: { id: used[0].userId },
      data: { passwordHash },
      select: { email: true, importedAt: true, activatedAt: true },
    });
    // An imported account is activated by its first password (« Activer mon compte », or « Mot de passe oublié »).
    if (user.importedAt && !user.activatedAt) await tx.user.update({ where: { id: used[0].userId }, data: { activatedAt: new Date() } });
    await closeAllSessions(tx, used[0].userId);
    return user.email;
  });
  await clear(SIGN_IN_PER_EMAIL, email);
}
