import "server-only";
import type { z } from "zod";
import { transaction, type Tx } from "@/lib/db";
import { closeAllSessions } from "@/lib/auth/user-sessions";
import { applyTransition, createWithStatus, isIn, SYSTEM, USER_STATUSES } from "@/lib/workflow";
import { UserFacingError } from "@/lib/errors";
import { emailField, nameField } from "@/lib/forms/fields";
import { issuePasswordLink } from "./reset-password";

/**
 * The accounts of the people who run the portal, managed by whoever runs the server (`npm run admin`): the first
 * administrator of an installation has no default password — the command prints a one-time link, valid 24 h, to
 * the page of « Mot de passe oublié », where the same password rules apply. The command acts as SYSTEM in the log.
 */
export const ADMIN_LINK_MINUTES = 24 * 60;

export interface OperatorAccount {
  email: string;
  displayName: string;
  role: "STAFF" | "ADMIN";
  status: "ACTIVE" | "DEACTIVATED";
  hasPassword: boolean;
  lastSignInAt: Date | null;
}

function parsed<T>(schema: z.ZodType<T>, value: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UserFacingError(result.error.issues[0]?.message ?? "Valeur invalide.");
  return result.data;
}

/** Creates an administrator without a password and returns the one-time link to choose it. */
export async function createAdministrator(input: { email: string; displayName: string }): Promise<{ link: string }> {
  const email = parsed(emailField, input.email);
  const displayName = parsed(nameField("Nom"), input.displayName);
  return transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { role: true } });
    if (existing) {
      throw new UserFacingError(
        `Un compte existe déjà avec l'e-mail ${email} (${existing.role === "PARENT" ? "un parent" : "un membre de l'équipe"}). ` +
          `Pour lui donner un nouveau lien : npm run admin -- reset ${email}`,
      );
    }
    // No password yet: an empty hash never verifies (lib/auth/password.ts), so the account opens only through the link.
    const user = await createWithStatus(
      tx,
      { machine: "USER_ACCOUNT", status: "ACTIVE", actor: SYSTEM, reason: "Créé par la commande npm run admin" },
      () => tx.user.create({ data: { email, displayName, role: "ADMIN", passwordHash: "" }, select: { id: true } }),
    );
    return { link: await issuePasswordLink(tx, user.id, ADMIN_LINK_MINUTES) };
  });
}

export async function listOperatorAccounts(): Promise<OperatorAccount[]> {
  return transaction(async (tx) => {
    const users = await tx.user.findMany({
      where: { role: { in: ["STAFF", "ADMIN"] } },
      orderBy: [{ role: "desc" }, { email: "asc" }],
      select: { email: true, displayName: true, role: true, status: true, passwordHash: true, lastSignInAt: true },
    });
    return users.map(({ passwordHash, role, ...user }) => ({ ...user, role: role as "STAFF" | "ADMIN", hasPassword: passwordHash !== "" }));
  });
}

async function operatorByEmail(tx: Tx, rawEmail: string) {
  const email = parsed(emailField, rawEmail);
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, role: true, status: true } });
  // Parents' accounts are managed by staff in the back office, with the family's file.
  if (!user || user.role === "PARENT") throw new UserFacingError(`Aucun compte de l'équipe n'a l'e-mail ${email}.`);
  return user;
}

/** Deactivates a staff or admin account (every session ends at once). The last active administrator stays. */
export async function disableOperatorAccount(rawEmail: string): Promise<void> {
  await transaction(async (tx) => {
    const user = await operatorByEmail(tx, rawEmail);
    if (!isIn(USER_STATUSES.CAN_SIGN_IN, user.status)) throw new UserFacingError("Ce compte est déjà désactivé.");
    if (user.role === "ADMIN") {
      // Counted under a lock on the administrators' rows: two concurrent commands cannot disable the last two.
      const admins = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "User" WHERE role = 'ADMIN' AND status = 'ACTIVE' ORDER BY id FOR UPDATE`;
      if (admins.length <= 1) {
        throw new UserFacingError("C'est le dernier administrateur actif : créez-en un autre avant (npm run admin -- create …).");
      }
    }
    await applyTransition(tx, {
      machine: "USER_ACCOUNT",
      id: user.id,
      to: "DEACTIVATED",
      expectedFrom: "ACTIVE",
      actor: SYSTEM,
      reason: "Désactivé par la commande npm run admin",
    });
    await closeAllSessions(tx, user.id);
  });
}

/**
 * A forgotten or compromised password: the old one stops working at once, every session ends, and a one-time link
 * (24 h) lets the person choose a new one. A deactivated account is reactivated only by staff, never by this.
 */
export async function resetOperatorPassword(rawEmail: string): Promise<{ link: string }> {
  return transaction(async (tx) => {
    const user = await operatorByEmail(tx, rawEmail);
    if (!isIn(USER_STATUSES.CAN_SIGN_IN, user.status))
      throw new UserFacingError("Ce compte est désactivé : un nouveau lien ne servirait à rien.");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: "" } });
    await closeAllSessions(tx, user.id);
    return { link: await issuePasswordLink(tx, user.id, ADMIN_LINK_MINUTES) };
  });
}
