import "server-only";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { enqueueEmail } from "@/lib/email/enqueue";
import { accountRequestReceivedEmail } from "@/lib/email/templates";
import { recordCreation, UserFacingError, VISITOR } from "@/lib/workflow";
import type { AccountRequestData } from "./schemas";

export const DUPLICATE_EMAIL_MESSAGE =
  "E-mail : un compte ou une demande en attente existe déjà avec cette adresse. Utilisez « Mot de passe oublié » ou contactez la structure.";

/** « Créer mon compte »: records the request, waiting for staff validation. */
export async function requestAccount(data: AccountRequestData): Promise<{ id: string }> {
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    // Serialises requests for the same e-mail: no two pending requests, no request for a taken e-mail.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`account:${data.email}`}))`;
    const [user, pending] = await Promise.all([
      tx.user.findUnique({ where: { email: data.email }, select: { id: true } }),
      tx.accountRequest.findFirst({ where: { email: data.email, status: "PENDING" }, select: { id: true } }),
    ]);
    if (user || pending) throw new UserFacingError(DUPLICATE_EMAIL_MESSAGE, { email: DUPLICATE_EMAIL_MESSAGE });
    const request = await tx.accountRequest.create({
      data: {
        civility: data.civility,
        lastName: data.lastName,
        firstName: data.firstName,
        birthDate: new Date(`${data.birthDate}T00:00:00Z`),
        homePhone: data.homePhone ?? null,
        mobilePhone: data.mobilePhone,
        email: data.email,
        street: data.street,
        addressComplement: data.addressComplement ?? null,
        postalCode: data.postalCode,
        city: data.city,
        passwordHash,
      },
      select: { id: true },
    });
    await recordCreation(tx, { machine: "ACCOUNT_REQUEST", id: request.id, status: "PENDING", actor: VISITOR });
    await enqueueEmail(tx, {
      to: data.email,
      template: "account-request-received",
      email: accountRequestReceivedEmail(data),
    });
    return request;
  });
}
