import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";

/**
 * The page a password link opens (« Mot de passe oublié », « Activer mon compte ») reads it first, without using it:
 * a dead link (used, replaced or expired) is said before anyone types a password, and a live one names the account
 * it sets (the e-mail to sign in with, which password managers keep with the password). Nothing is written.
 */
export async function checkPasswordLink(token: string, now = new Date()): Promise<{ email: string } | null> {
  if (token.length < 20 || token.length > 200) return null;
  const link = await db.passwordResetToken.findFirst({
    where: { tokenHash: createHash("sha256").update(token).digest("hex"), usedAt: null, expiresAt: { gt: now } },
    select: { user: { select: { email: true } } },
  });
  return link ? { email: link.user.email } : null;
}
