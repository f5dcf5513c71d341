import "server-only";
import { assertFamilyInScope } from "@/lib/auth/staff-scope";
import { lockFamily } from "@/lib/locks";
import { transaction } from "@/lib/db";
import { actorScope, NotFoundError, type Actor } from "@/lib/workflow";
import type { AdultData } from "./schemas";
import { recordEdit } from "./record-staff-edit";

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

export async function staffUpdateAdult(input: { familyId: string; adultId: string; data: AdultData; actor: Actor }) {
  await transaction(async (tx) => {
    await assertFamilyInScope(tx, actorScope(input.actor), input.familyId);
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
    await assertFamilyInScope(tx, actorScope(input.actor), input.familyId);
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
