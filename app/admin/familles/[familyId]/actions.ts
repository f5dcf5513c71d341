"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { staffChangeLoginEmail } from "@/lib/families/staff-change-login-email";
import { staffUpdateAddress } from "@/lib/families/staff-update-address";
import { staffUpdateAdult, staffUpdateAdultDetails } from "@/lib/families/staff-update-adult";
import { staffUpdateQuotient } from "@/lib/families/staff-update-quotient";
import { updateChild } from "@/lib/families/update-child";
import { setAccountStatus } from "@/lib/accounts/set-account-status";
import { entityId, refusalSchema, trimmed } from "@/lib/forms/fields";
import { z } from "zod";
import { linkChildFoyer, searchSecondFoyers, unlinkChildFoyer } from "@/lib/families/link-child-foyer";
import {
  addressSchema,
  adultSchema,
  childFoyerSchema,
  childIdSchema,
  childSchema,
  phonesSchema,
  preferencesSchema,
  quotientSchema,
  staffEmailSchema,
} from "@/lib/families/schemas";
import { deName } from "@/lib/format";
import { anonymiseFamily } from "@/lib/privacy/anonymise-family";

const familyId = { familyId: entityId };
const adultTarget = { ...familyId, adultId: entityId };
const SAVED = { message: "Modification enregistrée." };
const refresh = () => revalidatePath("/admin/familles", "layout");

export const staffUpdateAddressAction = staffAction(addressSchema.extend(familyId), async ({ familyId, ...data }, staff) => {
  await staffUpdateAddress({ familyId, data, actor: staff.actor });
  refresh();
  return SAVED;
});

export const staffUpdateQuotientAction = staffAction(quotientSchema.extend(familyId), async ({ familyId, ...data }, staff) => {
  await staffUpdateQuotient({ familyId, data, actor: staff.actor });
  refresh();
  return SAVED;
});

export const staffUpdateAdultAction = staffAction(adultSchema.extend(adultTarget), async ({ familyId, adultId, ...data }, staff) => {
  await staffUpdateAdult({ familyId, adultId, data, actor: staff.actor });
  refresh();
  return SAVED;
});

export const staffChangeLoginEmailAction = staffAction(staffEmailSchema.extend(familyId), async ({ familyId, userId, email }, staff) => {
  await staffChangeLoginEmail({ familyId, userId, email, actor: staff.actor });
  refresh();
  return { message: `Adresse de connexion modifiée : ${email}.` };
});

export const staffUpdateChildAction = staffAction(
  childSchema.extend({ ...childIdSchema.shape, ...familyId }),
  async ({ familyId, childId, ...data }, staff) => {
    await updateChild({ familyId, childId, data, actor: staff.actor });
    refresh();
    return { message: `Les informations ${deName(data.identity.firstName)} sont enregistrées.` };
  },
);

export const staffUpdatePhonesAction = staffAction(phonesSchema.extend(adultTarget), async ({ familyId, adultId, ...data }, staff) => {
  await staffUpdateAdultDetails({ familyId, adultId, data, actor: staff.actor });
  refresh();
  return SAVED;
});

export const staffUpdatePreferencesAction = staffAction(
  preferencesSchema.extend(adultTarget),
  async ({ familyId, adultId, ...data }, staff) => {
    await staffUpdateAdultDetails({ familyId, adultId, data, actor: staff.actor });
    refresh();
    return SAVED;
  },
);

/** id = the login's user id; the family comes with it, as a hidden field of the page. */
const accountStatusSchema = refusalSchema.extend(familyId);

export const deactivateAccountAction = staffAction(accountStatusSchema, async ({ familyId, id, reason }, staff) => {
  await setAccountStatus({ familyId, userId: id, to: "DEACTIVATED", reason, actor: staff.actor });
  refresh();
  return null;
});

export const reactivateAccountAction = staffAction(accountStatusSchema, async ({ familyId, id, reason }, staff) => {
  await setAccountStatus({ familyId, userId: id, to: "ACTIVE", reason, actor: staff.actor });
  refresh();
  return null;
});

/** RGPD: « Anonymiser la famille » (a family that has left), with the reason, logged. */
const anonymiseSchema = z.object({ id: entityId, reason: trimmed("Motif", 500) });

export const anonymiseFamilyAction = staffAction(anonymiseSchema, async ({ id, reason }, staff) => {
  await anonymiseFamily({ familyId: id, reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return null;
});

// ── Garde alternée (ADR 051): the child's second foyer, chosen by a search, linked and unlinked with the log.

const secondFoyerSearchSchema = z.object({ childId: entityId, query: z.string().trim().max(100) });

/** The dialog's search: families to choose from (the child's own left out). A read, but a staff one. */
export const searchSecondFoyerAction = staffAction(secondFoyerSearchSchema, async ({ childId, query }, staff) => ({
  families: await searchSecondFoyers({ childId, query, actor: staff.actor }),
}));

export const linkChildFoyerAction = staffAction(childFoyerSchema, async ({ childId, familyId }, staff) => {
  await linkChildFoyer({ childId, familyId, actor: staff.actor });
  refresh();
  return { message: "Enfant lié au second foyer. Chaque parent le voit désormais dans « Ma famille »." };
});

export const unlinkChildFoyerAction = staffAction(childFoyerSchema, async ({ childId, familyId }, staff) => {
  await unlinkChildFoyer({ childId, familyId, actor: staff.actor });
  refresh();
  return { message: "Lien avec le second foyer retiré." };
});
