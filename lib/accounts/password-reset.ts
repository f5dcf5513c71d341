import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { config } from "@/lib/config";
import { hashPassword } from "@/lib/auth/password";
import { enqueueEmail } from "@/lib/email/enqueue";
import { passwordResetEmail } from "@/lib/email/templates";
import { UserFacingError } from "@/lib/workflow";

export const RESET_TOKEN_MINUTES = 60;

function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * « Mot de passe oublié »: e-mails a single-use link when the address belongs
 * to an active account. The answer on screen is the same either way, so that
 * nobody can learn which addresses have an account.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, isActive: true, adult: { select: { civility: true, lastName: true, firstName: true } }, displayName: true },
  });
  if (!user || !user.isActive) return;
  const token = randomBytes(32).toString("base64url");
  const person = user.adult ?? { civility: "M" as const, lastName: user.displayName, firstName: "" };
  await db.$transaction(async (tx) => {
    // A new link replaces the older ones.
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000) },
    });
    await enqueueEmail(tx, {
      to: email,
      template: "password-reset",
      email: passwordResetEmail(person, `${config.appUrl}/mot-de-passe-oublie/nouveau?jeton=${token}`, RESET_TOKEN_MINUTES),
    });
  });
}

export const INVALID_TOKEN_MESSAGE =
  "Ce lien n'est plus valable (déjà utilisé ou expiré). Demandez un nouveau lien depuis « Mot de passe oublié ».";

export async function resetPassword(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    // Marking the token used is the guard: of two concurrent uses, only one changes a row.
    const used = await tx.passwordResetToken.updateManyAndReturn({
      where: { tokenHash: sha256(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
      select: { userId: true },
    });
    if (used.length !== 1) throw new UserFacingError(INVALID_TOKEN_MESSAGE);
    await tx.user.update({ where: { id: used[0].userId }, data: { passwordHash } });
  });
}
