import "server-only";
import { transaction } from "@/lib/db";
import { lockAccountEmail } from "@/lib/locks";
import { hashPassword } from "@/lib/auth/password";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { accountAlreadyExistsEmail, accountRequestReceivedEmail } from "@/lib/email/templates";
import { createWithStatus, VISITOR } from "@/lib/workflow";
import { anonymousEmailLimits } from "./anonymous-limits";
import type { AccountRequestData } from "./schemas";

/**
 * « Créer mon compte »: records the request, waiting for staff validation.
 * The answer on screen is the same whether the address is new, already has an
 * account or a pending request: only the e-mail sent to that address differs
 * (nobody learns from the page which addresses have an account).
 */
export async function requestAccount(
  data: AccountRequestData,
  ip: string | null,
): Promise<{ outcome: "REQUESTED"; id: string } | { outcome: "ALREADY_EXISTS" }> {
  await anonymousEmailLimits("compte", data.email, ip);
  const passwordHash = await hashPassword(data.password);
  return transaction(async (tx) => {
    // Serialises requests for the same e-mail: no two pending requests, no request for a taken e-mail.
    await lockAccountEmail(tx, data.email);
    // One query at a time: a transaction is one connection (pg refuses overlapping queries on it).
    const user = await tx.user.findUnique({ where: { email: data.email }, select: { id: true } });
    const pending = await tx.accountRequest.findFirst({ where: { email: data.email, status: "PENDING" }, select: { id: true } });
    if (user || pending) {
      await enqueueEmail(tx, {
        to: data.email,
        template: "account-already-exists",
        email: accountAlreadyExistsEmail(user ? "ACCOUNT" : "PENDING_REQUEST"),
      });
      return { outcome: "ALREADY_EXISTS" as const };
    }
    const request = await createWithStatus(tx, { machine: "ACCOUNT_REQUEST", status: "PENDING", actor: VISITOR }, () =>
      tx.accountRequest.create({
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
      }),
    );
    await enqueueEmail(tx, { to: data.email, template: "account-request-received", email: accountRequestReceivedEmail() });
    return { outcome: "REQUESTED" as const, id: request.id };
  });
}
