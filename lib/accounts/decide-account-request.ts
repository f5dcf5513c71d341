import "server-only";
import { transaction } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { accountRefusedEmail, accountValidatedEmail } from "@/lib/email/templates";
import { applyTransition, createWithStatus, NotFoundError, type Actor } from "@/lib/workflow";
import { UserFacingError } from "@/lib/errors";

/**
 * Staff validate a « Créer mon compte » request: the family, its first
 * responsable légal and the parent's login are created, and the family is
 * told by e-mail — all in one transaction.
 */
export async function validateAccountRequest(input: { id: string; actor: Actor }): Promise<{ familyId: string }> {
  return transaction(async (tx) => {
    await applyTransition(tx, { machine: "ACCOUNT_REQUEST", id: input.id, to: "VALIDATED", actor: input.actor });
    const request = await tx.accountRequest.findUnique({ where: { id: input.id } });
    if (!request) throw new NotFoundError();
    if (await tx.user.findUnique({ where: { email: request.email }, select: { id: true } })) {
      throw new UserFacingError(`Un compte existe déjà avec l'adresse ${request.email}. Refusez cette demande en indiquant ce motif.`);
    }
    const family = await tx.family.create({
      data: {
        name: `Famille ${request.lastName.toUpperCase()}`,
        street: request.street,
        addressComplement: request.addressComplement,
        postalCode: request.postalCode,
        city: request.city,
        homePhone: request.homePhone,
      },
      select: { id: true },
    });
    const adult = await tx.adult.create({
      data: {
        familyId: family.id,
        civility: request.civility,
        lastName: request.lastName,
        firstName: request.firstName,
        birthDate: request.birthDate,
        homePhone: request.homePhone,
        mobilePhone: request.mobilePhone,
        email: request.email,
        isLegalGuardian: true,
      },
      select: { id: true },
    });
    await createWithStatus(tx, { machine: "USER_ACCOUNT", status: "ACTIVE", actor: input.actor }, () =>
      tx.user.create({
        data: {
          email: request.email,
          passwordHash: request.passwordHash,
          role: "PARENT",
          displayName: `${request.firstName} ${request.lastName}`,
          familyId: family.id,
          adultId: adult.id,
        },
        select: { id: true },
      }),
    );
    await tx.accountRequest.update({ where: { id: request.id }, data: { familyId: family.id } });
    await enqueueEmail(tx, {
      to: request.email,
      template: "account-validated",
      email: accountValidatedEmail(request),
      familyId: family.id,
    });
    return { familyId: family.id };
  });
}

export async function refuseAccountRequest(input: { id: string; reason: string; actor: Actor }): Promise<void> {
  await transaction(async (tx) => {
    await applyTransition(tx, {
      machine: "ACCOUNT_REQUEST",
      id: input.id,
      to: "REFUSED",
      actor: input.actor,
      reason: input.reason,
    });
    const request = await tx.accountRequest.findUniqueOrThrow({ where: { id: input.id } });
    await enqueueEmail(tx, {
      to: request.email,
      template: "account-refused",
      email: accountRefusedEmail(request, input.reason.trim()),
    });
  });
}
