import "server-only";
import { assertFamilyInScope } from "@/lib/auth/staff-scope";
import { transaction } from "@/lib/db";
import { closeAllSessions } from "@/lib/auth/user-sessions";
import { actorScope, applyTransition, NotFoundError, type Actor } from "@/lib/workflow";
import { UserFacingError } from "@/lib/errors";

/**
 * Staff deactivate or reactivate a parent's login, from the family page, always
 * with a reason (TransitionLog: who, when, why). Deactivating ends every
 * session of the account at once. The family's file is untouched.
 */
export async function setAccountStatus(input: {
  familyId: string;
  userId: string;
  to: "ACTIVE" | "DEACTIVATED";
  reason: string;
  actor: Actor;
}): Promise<void> {
  await transaction(async (tx) => {
    await assertFamilyInScope(tx, actorScope(input.actor), input.familyId);
    // The account must belong to this family (a parent's login, never a staff one).
    const user = await tx.user.findFirst({
      where: { id: input.userId, familyId: input.familyId, role: "PARENT" },
      select: { id: true, status: true },
    });
    if (!user) throw new NotFoundError();
    if (user.status === input.to) {
      throw new UserFacingError(input.to === "ACTIVE" ? "Ce compte est déjà actif." : "Ce compte est déjà désactivé.");
    }
    await applyTransition(tx, {
      machine: "USER_ACCOUNT",
      id: user.id,
      to: input.to,
      expectedFrom: input.to === "ACTIVE" ? "DEACTIVATED" : "ACTIVE",
      actor: input.actor,
      reason: input.reason,
    });
    if (input.to === "DEACTIVATED") await closeAllSessions(tx, user.id);
  });
}
