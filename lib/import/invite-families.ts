import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db, transaction } from "@/lib/db";
import { config } from "@/lib/config";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { accountActivationEmail } from "@/lib/email/templates";
import { portalNamesIn } from "@/lib/settings/manage-portal-identity";
import { statusIn, USER_STATUSES } from "@/lib/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";

/** An invitation's link is valid this long (a family may open its e-mail days later); « Mot de passe oublié » gives another. */
export const ACTIVATION_TOKEN_DAYS = 14;
const BATCH = 500;

const sha256 = (token: string) => createHash("sha256").update(token).digest("hex");

/** Imported accounts whose holder has not chosen a password yet (and who may still sign in once they do). */
const notActivated: Prisma.UserWhereInput = {
  role: "PARENT",
  importedAt: { not: null },
  activatedAt: null,
  status: statusIn(USER_STATUSES.CAN_SIGN_IN),
};

/**
 * « Activer mon compte » e-mails, one per imported family not activated yet, through the outbox. `resend: false`
 * sends only to those never invited; `resend: true` sends again to every one not activated (a new link replaces
 * the older one). Each account is claimed by one statement (its invitedAt set under its condition): two staff
 * clicking at once never send twice, and an account activated meanwhile is never invited.
 */
export async function inviteImportedFamilies(input: { resend: boolean }): Promise<{ sent: number }> {
  const startedAt = new Date();
  const waiting: Prisma.UserWhereInput = {
    ...notActivated,
    ...(input.resend ? { OR: [{ invitedAt: null }, { invitedAt: { lt: startedAt } }] } : { invitedAt: null }),
  };
  let sent = 0;
  for (;;) {
    const ids = (await db.user.findMany({ where: waiting, select: { id: true }, orderBy: { id: "asc" }, take: BATCH })).map((u) => u.id);
    if (ids.length === 0) return { sent };
    sent += await transaction(async (tx) => {
      const claimed = await tx.user.updateManyAndReturn({
        where: { ...waiting, id: { in: ids } },
        data: { invitedAt: new Date() },
        select: {
          id: true,
          email: true,
          familyId: true,
          displayName: true,
          adult: { select: { civility: true, lastName: true, firstName: true } },
        },
      });
      if (claimed.length === 0) return 0;
      // A new link replaces the older ones.
      await tx.passwordResetToken.updateMany({
        where: { userId: { in: claimed.map((u) => u.id) }, usedAt: null },
        data: { usedAt: new Date() },
      });
      const expiresAt = new Date(Date.now() + ACTIVATION_TOKEN_DAYS * 86_400_000);
      const tokens = claimed.map((u) => ({ user: u, token: randomBytes(32).toString("base64url") }));
      await tx.passwordResetToken.createMany({ data: tokens.map((t) => ({ userId: t.user.id, tokenHash: sha256(t.token), expiresAt })) });
      const names = await portalNamesIn(tx);
      for (const { user, token } of tokens) {
        const person = user.adult ?? { civility: "M" as const, lastName: user.displayName, firstName: "" };
        await enqueueEmail(tx, {
          to: user.email,
          template: "account-activation",
          email: accountActivationEmail(
            person,
            user.email,
            `${config.appUrl}/mot-de-passe-oublie/nouveau?jeton=${token}&activation=1`,
            ACTIVATION_TOKEN_DAYS,
          ),
          familyId: user.familyId,
          names,
        });
      }
      return claimed.length;
    });
  }
}

export interface ImportOverview {
  imported: number;
  invited: number;
  activated: number;
  /** The imported families not activated yet, most recently invited last (the first 200). */
  waiting: { email: string; displayName: string; familyId: string | null; invitedAt: Date | null }[];
}

export async function getImportOverview(): Promise<ImportOverview> {
  const imported = { role: "PARENT" as const, importedAt: { not: null } };
  const [total, invited, activated, waiting] = [
    await db.user.count({ where: imported }),
    await db.user.count({ where: { ...imported, invitedAt: { not: null } } }),
    await db.user.count({ where: { ...imported, activatedAt: { not: null } } }),
    await db.user.findMany({
      where: notActivated,
      orderBy: [{ invitedAt: { sort: "asc", nulls: "first" } }, { email: "asc" }],
      take: 200,
      select: { email: true, displayName: true, familyId: true, invitedAt: true },
    }),
  ];
  return { imported: total, invited, activated, waiting };
}
