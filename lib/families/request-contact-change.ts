import "server-only";
import { transaction } from "@/lib/db";
import { lockFamily } from "@/lib/locks";
import { NotFoundError, type Actor } from "@/lib/workflow";
import { createChangeRequest, type AddressChange, type PhonesChange, type QuotientChange } from "./change-requests";
import { UserFacingError } from "@/lib/errors";

const NOTHING_CHANGED = "Aucune modification : les valeurs saisies sont celles de votre dossier.";

const same = <T extends object>(a: T, b: T) => (Object.keys(b) as (keyof T)[]).every((k) => a[k] === b[k]);

/** « Mes coordonnées » → a demande de modification of the family's address. */
export async function requestAddressChange(input: { familyId: string; data: AddressChange; actor: Actor }) {
  return transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const family = await tx.family.findUnique({
      where: { id: input.familyId },
      select: { street: true, addressComplement: true, postalCode: true, city: true },
    });
    if (!family) throw new NotFoundError();
    if (same(family, input.data)) throw new UserFacingError(NOTHING_CHANGED);
    return createChangeRequest(tx, {
      familyId: input.familyId,
      kind: "ADDRESS",
      targetId: input.familyId,
      before: family,
      after: input.data,
      actor: input.actor,
    });
  });
}

/** The phones of one adult of the family (the parent's own, or the other responsable's). */
export async function requestPhonesChange(input: { familyId: string; adultId: string; data: PhonesChange; actor: Actor }) {
  return transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const adult = await tx.adult.findFirst({
      where: { id: input.adultId, familyId: input.familyId },
      select: { homePhone: true, mobilePhone: true, workPhone: true },
    });
    if (!adult) throw new NotFoundError();
    const before = { ...adult, mobilePhone: adult.mobilePhone ?? "" };
    if (same(before, input.data)) throw new UserFacingError(NOTHING_CHANGED);
    return createChangeRequest(tx, {
      familyId: input.familyId,
      kind: "PHONES",
      targetId: input.adultId,
      before,
      after: input.data,
      actor: input.actor,
    });
  });
}

export async function requestQuotientChange(input: { familyId: string; data: QuotientChange; actor: Actor }) {
  return transaction(async (tx) => {
    await lockFamily(tx, input.familyId);
    const family = await tx.family.findUnique({ where: { id: input.familyId }, select: { quotientFamilial: true, cafNumber: true } });
    if (!family) throw new NotFoundError();
    if (family.quotientFamilial === input.data.quotientFamilial && family.cafNumber === input.data.cafNumber) {
      throw new UserFacingError(NOTHING_CHANGED);
    }
    return createChangeRequest(tx, {
      familyId: input.familyId,
      kind: "QUOTIENT_FAMILIAL",
      targetId: input.familyId,
      before: { quotientFamilial: family.quotientFamilial ?? 0, cafNumber: family.cafNumber ?? "" },
      after: input.data,
      actor: input.actor,
    });
  });
}
