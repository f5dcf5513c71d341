import "server-only";
import { transaction, isPrismaError, type Tx } from "@/lib/db";
import { lockFamily } from "@/lib/locks";
import { closeAllSessions } from "@/lib/auth/user-sessions";
import { setQuotient } from "@/lib/billing/quotient";
import { UserFacingError } from "@/lib/errors";
import type { StaffEditKind } from "@/lib/generated/prisma/enums";
import { NotFoundError, type Actor } from "@/lib/workflow";
import type { AddressData, AdultData, QuotientData } from "./schemas";

/**
 * Staff edit a family file directly (no demande de modification). Every edit
 * is kept — who, when, what it was and what it became (StaffEdit) — and shown
 * on the family page; an edit that changes nothing leaves no entry.
 */
export async function recordEdit<T extends Record<string, unknown>>(
  tx: Tx,
  input: { familyId: string; kind: StaffEditKind; targetId: string | null; before: T; after: T; actor: Actor },
): Promise<void> {
  const keys = Object.keys(input.after).filter((k) => JSON.stringify(input.before[k] ?? null) !== JSON.stringify(input.after[k] ?? null));
  if (keys.length === 0) return;
  const pick = (o: T) => Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
  await tx.staffEdit.create({
    data: {
      familyId: input.familyId,
      kind: input.kind,
      targetId: input.targetId,
      before: pick(input.before),
      after: pick(input.after),
      actorId: input.actor.userId,
    },
  });
}

export async function staffUpdateAddress(input: { familyId: string; data: AddressData; actor: Actor }) {
  await transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const before = await tx.family.findUnique({
      where: { id: input.familyId },
      select: { street: true, addressComplement: true, postalCode: true, city: true },
    });
    if (!before) throw new NotFoundError();
    await tx.family.update({ where: { id: input.familyId }, data: input.data });
    await recordEdit(tx, { familyId: input.familyId, kind: "ADDRESS", targetId: null, before, after: input.data, actor: input.actor });
  });
}

export async function staffUpdateQuotient(input: { familyId: string; data: QuotientData; actor: Actor }) {
  await transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const before = await tx.family.findUnique({ where: { id: input.familyId }, select: { quotientFamilial: true, cafNumber: true } });
    if (!before) throw new NotFoundError();
    await setQuotient(tx, input.familyId, input.data);
    await recordEdit(tx, {
      familyId: input.familyId,
      kind: "QUOTIENT_FAMILIAL",
      targetId: null,
      before,
      after: input.data,
      actor: input.actor,
    });
  });
}

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export async function staffUpdateAdult(input: { familyId: string; adultId: string; data: AdultData; actor: Actor }) {
  await transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const adult = await tx.adult.findFirst({
      where: { id: input.adultId, familyId: input.familyId },
      select: { civility: true, lastName: true, firstName: true, birthDate: true, mobilePhone: true, email: true, relationship: true },
    });
    if (!adult) throw new NotFoundError();
    const { birthDate, ...rest } = input.data;
    await tx.adult.update({ where: { id: input.adultId }, data: { ...rest, birthDate: new Date(`${birthDate}T00:00:00Z`) } });
    await recordEdit(tx, {
      familyId: input.familyId,
      kind: "ADULT",
      targetId: input.adultId,
      before: { ...adult, birthDate: isoDay(adult.birthDate) },
      after: { ...input.data },
      actor: input.actor,
    });
  });
}

/** Phones and situation of an adult, set directly by staff. */
export async function staffUpdateAdultDetails(input: {
  familyId: string;
  adultId: string;
  data: {
    homePhone?: string | null;
    mobilePhone?: string;
    workPhone?: string | null;
    profession?: string | null;
    employer?: string | null;
  };
  actor: Actor;
}) {
  await transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const adult = await tx.adult.findFirst({
      where: { id: input.adultId, familyId: input.familyId },
      select: { homePhone: true, mobilePhone: true, workPhone: true, profession: true, employer: true },
    });
    if (!adult) throw new NotFoundError();
    await tx.adult.update({ where: { id: input.adultId }, data: input.data });
    await recordEdit<Record<string, unknown>>(tx, {
      familyId: input.familyId,
      kind: "ADULT_DETAILS",
      targetId: input.adultId,
      before: adult,
      after: input.data,
      actor: input.actor,
    });
  });
}

export const EMAIL_TAKEN_MESSAGE = "E-mail : cette adresse est déjà utilisée par un autre compte.";

/**
 * The parent's login e-mail: only staff may change it, and it must stay unique.
 * Every session of the account ends (sessions opened under the old address).
 */
export async function staffChangeLoginEmail(input: { familyId: string; userId: string; email: string; actor: Actor }) {
  try {
    await transaction(async (tx) => {
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
