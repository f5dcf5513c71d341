"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/action";
import { requireParent } from "@/lib/auth/session";
import { requestAddressChange, requestPhonesChange, requestQuotientChange, updatePreferences } from "@/lib/families/contact-changes";
import { addressSchema, phonesSchema, preferencesSchema, quotientSchema } from "@/lib/families/schemas";

const adultId = { adultId: z.string().min(1).max(64) };
const SENT = "Votre demande de modification est envoyée à la structure. Elle apparaît sur votre tableau de bord en attendant sa réponse.";

export async function requestAddressChangeAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(addressSchema, input, async (data) => {
    const parent = await requireParent();
    await requestAddressChange({ familyId: parent.familyId, data, actor: parent.actor });
    revalidatePath("/", "layout");
    return { message: SENT };
  });
}

export async function requestPhonesChangeAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(phonesSchema.extend(adultId), input, async ({ adultId, ...data }) => {
    const parent = await requireParent();
    await requestPhonesChange({ familyId: parent.familyId, adultId, data, actor: parent.actor });
    revalidatePath("/", "layout");
    return { message: SENT };
  });
}

export async function requestQuotientChangeAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(quotientSchema, input, async (data) => {
    const parent = await requireParent();
    await requestQuotientChange({ familyId: parent.familyId, data, actor: parent.actor });
    revalidatePath("/", "layout");
    return { message: SENT };
  });
}

export async function updatePreferencesAction(input: unknown): Promise<ActionResult<{ message: string }>> {
  return runAction(preferencesSchema.extend(adultId), input, async ({ adultId, ...data }) => {
    const parent = await requireParent();
    await updatePreferences({ familyId: parent.familyId, adultId, data });
    revalidatePath("/", "layout");
    return { message: "Vos informations sont enregistrées." };
  });
}
