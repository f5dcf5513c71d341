"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/action";
import { requireStaff } from "@/lib/auth/session";
import { staffChangeLoginEmail, staffUpdateAddress, staffUpdateAdult, staffUpdateAdultDetails, staffUpdateQuotient } from "@/lib/families/staff-edit";
import { updateChild } from "@/lib/families/update-child";
import { setAccountStatus } from "@/lib/accounts/set-account-status";
import { refusalSchema } from "@/lib/accounts/schemas";
import { addressSchema, adultSchema, childIdSchema, childSchema, phonesSchema, preferencesSchema, quotientSchema, staffEmailSchema } from "@/lib/families/schemas";

const familyId = { familyId: z.string().min(1).max(64) };
const adultTarget = { ...familyId, adultId: z.string().min(1).max(64) };
const SAVED = { message: "Modification enregistrée." };

export async function staffUpdateAddressAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(addressSchema.extend(familyId), input, async ({ familyId, ...data }) => {
    await requireStaff();
    await staffUpdateAddress(familyId, data);
    revalidatePath("/admin/familles", "layout");
    return SAVED;
  });
}

export async function staffUpdateQuotientAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(quotientSchema.extend(familyId), input, async ({ familyId, ...data }) => {
    await requireStaff();
    await staffUpdateQuotient(familyId, data);
    revalidatePath("/admin/familles", "layout");
    return SAVED;
  });
}

export async function staffUpdateAdultAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(adultSchema.extend(adultTarget), input, async ({ familyId, adultId, ...data }) => {
    await requireStaff();
    await staffUpdateAdult({ familyId, adultId, data });
    revalidatePath("/admin/familles", "layout");
    return SAVED;
  });
}

export async function staffChangeLoginEmailAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(staffEmailSchema.extend(familyId), input, async ({ familyId, userId, email }) => {
    await requireStaff();
    await staffChangeLoginEmail({ familyId, userId, email });
    revalidatePath("/admin/familles", "layout");
    return { message: `Adresse de connexion modifiée : ${email}.` };
  });
}

export async function staffUpdateChildAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(childSchema.extend({ ...childIdSchema.shape, ...familyId }), input, async ({ familyId, childId, ...data }) => {
    const staff = await requireStaff();
    await updateChild({ familyId, childId, data, actor: staff.actor });
    revalidatePath("/admin/familles", "layout");
    return { message: `Les informations de ${data.identity.firstName} sont enregistrées.` };
  });
}

export async function staffUpdatePhonesAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(phonesSchema.extend(adultTarget), input, async ({ familyId, adultId, ...data }) => {
    await requireStaff();
    await staffUpdateAdultDetails({ familyId, adultId, data });
    revalidatePath("/admin/familles", "layout");
    return SAVED;
  });
}

export async function staffUpdatePreferencesAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(preferencesSchema.extend(adultTarget), input, async ({ familyId, adultId, ...data }) => {
    await requireStaff();
    await staffUpdateAdultDetails({ familyId, adultId, data });
    revalidatePath("/admin/familles", "layout");
    return SAVED;
  });
}

const accountStatusSchema = refusalSchema.extend({ familyId: z.string().min(1).max(64) });

/** Bound to the family on the page: `deactivateAccountAction.bind(null, familyId)`; id = the login's user id. */
export async function deactivateAccountAction(familyId: string, input: unknown): Promise<ActionResult<null>> {
  return runAction(accountStatusSchema, { ...(input as object), familyId }, async ({ familyId, id, reason }) => {
    const staff = await requireStaff();
    await setAccountStatus({ familyId, userId: id, to: "DEACTIVATED", reason, actor: staff.actor });
    revalidatePath("/admin/familles", "layout");
    return null;
  });
}

export async function reactivateAccountAction(familyId: string, input: unknown): Promise<ActionResult<null>> {
  return runAction(accountStatusSchema, { ...(input as object), familyId }, async ({ familyId, id, reason }) => {
    const staff = await requireStaff();
    await setAccountStatus({ familyId, userId: id, to: "ACTIVE", reason, actor: staff.actor });
    revalidatePath("/admin/familles", "layout");
    return null;
  });
}
