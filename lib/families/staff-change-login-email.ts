import "server-only";
import { assertFamilyInScope } from "@/lib/auth/staff-scope";
import { lockFamily } from "@/lib/locks";
import { transaction, isPrismaError } from "@/lib/db";
import { closeAllSessions } from "@/lib/auth/user-sessions";
import { UserFacingError } from "@/lib/errors";
import { actorScope, NotFoundError, type Actor } from "@/lib/workflow";
import { recordEdit } from "./record-staff-edit";

export const EMAIL_TAKEN_MESSAGE = "E-mail : cette adresse est déjà utilisée par un autre compte.";

/**
 * The parent's login e-mail: only staff may change it, and it must stay unique.
 * Every session of the account ends (sessions opened under the old address).
 */
export async function staffChangeLoginEmail(input: { familyId: string; userId: string; email: string; actor: Actor }) {
  try {
    await transaction(async (tx) => {
      await assertFamilyInScope(tx, actorScope(input.actor), input.familyId);
      await lockFamily(tx, input.familyId);
      const user = await tx.user.findFirst({
        where: { id: input.userId, familyId: input.familyId },
        select: { adultId: true, email: true },
      });
      if (!user) throw new NotFoundError();
      const pending = await tx.accountRequest.findFirst({ where: { email: input.email, status: "PENDING" }, select: { id: true } });
      if (pending) throw new UserFacingError(EMAIL_TAKEN_MESSAGE, { email: EMAIL_TAKEN_MESSAGE });
      await tx.user.update({ where: { id: input.userId }, data: { email: input.email } });
      if (user.adultId) await tx.adult.update({ where: { id: user.adultId }, data: { email: input.email } });
      await closeAllSessions(tx, input.userId);
      await recordEdit(tx, {
        familyId: input.familyId,
        kind: "LOGIN_EMAIL",
        targetId: input.userId,
        before: { email: user.email },
        after: { email: input.email },
        actor: input.actor,
      });
    });
  } catch (error) {
    // The unique index decides, not a prior check: two concurrent changes cannot both win.
    if (isPrismaError(error, "P2002")) {
      throw new UserFacingError(EMAIL_TAKEN_MESSAGE, { email: EMAIL_TAKEN_MESSAGE });
    }
    throw error;
  }
}
