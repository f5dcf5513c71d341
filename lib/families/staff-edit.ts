import "server-only";
import { db, isPrismaError } from "@/lib/db";
import { closeAllSessions } from "@/lib/auth/user-sessions";
import { NotFoundError, UserFacingError } from "@/lib/workflow";
import type { AddressData, QuotientData } from "./schemas";

/** Staff edit any field of a family file directly (no demande de modification). */
export async function staffUpdateAddress(familyId: string, data: AddressData) {
  const { count } = await db.family.updateMany({ where: { id: familyId }, data });
  if (count !== 1) throw new NotFoundError();
}

export async function staffUpdateQuotient(familyId: string, data: QuotientData) {
  const { count } = await db.family.updateMany({ where: { id: familyId }, data });
  if (count !== 1) throw new NotFoundError();
}

export async function staffUpdateAdult(input: {
  familyId: string;
  adultId: string;
  data: { civility: "M" | "MME"; lastName: string; firstName: string; birthDate: string; mobilePhone: string; email: string | null; relationship: string | null };
}) {
  const { birthDate, ...rest } = input.data;
  const { count } = await db.adult.updateMany({
    where: { id: input.adultId, familyId: input.familyId },
    data: { ...rest, birthDate: new Date(`${birthDate}T00:00:00Z`) },
  });
  if (count !== 1) throw new NotFoundError();
}

/** Phones and situation of an adult, set directly by staff. */
export async function staffUpdateAdultDetails(input: {
  familyId: string;
  adultId: string;
  data: { homePhone?: string | null; mobilePhone?: string; workPhone?: string | null; profession?: string | null; employer?: string | null };
}) {
  const { count } = await db.adult.updateMany({ where: { id: input.adultId, familyId: input.familyId }, data: input.data });
  if (count !== 1) throw new NotFoundError();
}

export const EMAIL_TAKEN_MESSAGE = "E-mail : cette adresse est déjà utilisée par un autre compte.";

/**
 * The parent's login e-mail: only staff may change it, and it must stay unique.
 * Every session of the account ends (sessions opened under the old address).
 */
export async function staffChangeLoginEmail(input: { familyId: string; userId: string; email: string }) {
  try {
    await db.$transaction(async (tx) => {
      const user = await tx.user.findFirst({ where: { id: input.userId, familyId: input.familyId }, select: { adultId: true } });
      if (!user) throw new NotFoundError();
      const pending = await tx.accountRequest.findFirst({ where: { email: input.email, status: "PENDING" }, select: { id: true } });
      if (pending) throw new UserFacingError(EMAIL_TAKEN_MESSAGE, { email: EMAIL_TAKEN_MESSAGE });
      await tx.user.update({ where: { id: input.userId }, data: { email: input.email } });
      if (user.adultId) await tx.adult.update({ where: { id: user.adultId }, data: { email: input.email } });
      await closeAllSessions(tx, input.userId);
    });
  } catch (error) {
    // The unique index decides, not a prior check: two concurrent changes cannot both win.
    if (isPrismaError(error, "P2002")) {
      throw new UserFacingError(EMAIL_TAKEN_MESSAGE, { email: EMAIL_TAKEN_MESSAGE });
    }
    throw error;
  }
}
