"use server";
import { revalidatePath } from "next/cache";
import { parentAction } from "@/lib/action";
import { requestAddressChange, requestPhonesChange, requestQuotientChange } from "@/lib/families/request-contact-change";
import { updatePreferences } from "@/lib/families/update-preferences";
import { addressSchema, phonesSchema, preferencesSchema, quotientSchema, remindersSchema } from "@/lib/families/schemas";
import { setReminderSettings } from "@/lib/reservations/send-reminders";
import { entityId } from "@/lib/forms/fields";

const adultId = { adultId: entityId };
const SENT = "Votre demande de modification est envoyée à la structure. Elle apparaît sur votre tableau de bord en attendant sa réponse.";

export const requestAddressChangeAction = parentAction(addressSchema, async (data, parent) => {
  await requestAddressChange({ familyId: parent.familyId, data, actor: parent.actor });
  revalidatePath("/", "layout");
  return { message: SENT };
});

export const requestPhonesChangeAction = parentAction(phonesSchema.extend(adultId), async ({ adultId, ...data }, parent) => {
  await requestPhonesChange({ familyId: parent.familyId, adultId, data, actor: parent.actor });
  revalidatePath("/", "layout");
  return { message: SENT };
});

export const requestQuotientChangeAction = parentAction(quotientSchema, async (data, parent) => {
  await requestQuotientChange({ familyId: parent.familyId, data, actor: parent.actor });
  revalidatePath("/", "layout");
  return { message: SENT };
});

export const updatePreferencesAction = parentAction(preferencesSchema.extend(adultId), async ({ adultId, ...data }, parent) => {
  await updatePreferences({ familyId: parent.familyId, adultId, data });
  revalidatePath("/", "layout");
  return { message: "Vos informations sont enregistrées." };
});

export const updateRemindersAction = parentAction(remindersSchema, async ({ remindersOn }, parent) => {
  await setReminderSettings(parent.familyId, remindersOn);
  revalidatePath("/mes-coordonnees");
  return {
    message: remindersOn.length === 0 ? "Vous ne recevrez plus de rappels par e-mail." : "Vos rappels par e-mail sont enregistrés.",
  };
});
