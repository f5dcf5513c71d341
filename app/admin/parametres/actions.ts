"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, staffAction } from "@/lib/action";
import { identitySchema, informationPageSchema } from "@/lib/settings/schemas";
import { removePortalLogo, setPortalLogo, updatePortalIdentity } from "@/lib/settings/manage-portal-identity";
import { updateInformationPage } from "@/lib/settings/manage-information-pages";

export const updateIdentityAction = adminAction(identitySchema, async (data, admin) => {
  await updatePortalIdentity({ actorId: admin.id, data });
  revalidatePath("/", "layout");
  return { message: "Identité de la structure enregistrée." };
});

const logoSchema = z
  .instanceof(FormData, { message: "Logo : choisissez un fichier." })
  .transform((form) => form.get("logo"))
  .pipe(z.instanceof(File, { message: "Logo : choisissez un fichier." }));

export const uploadLogoAction = adminAction(logoSchema, async (file, admin) => {
  await setPortalLogo({ actorId: admin.id, file });
  revalidatePath("/", "layout");
  return { message: "Logo enregistré." };
});

export const removeLogoAction = adminAction(z.object({}), async (_data, admin) => {
  await removePortalLogo({ actorId: admin.id });
  revalidatePath("/", "layout");
  return null;
});

export const updateInformationPageAction = staffAction(informationPageSchema, async (data, staff) => {
  await updateInformationPage({ actorId: staff.id, ...data });
  revalidatePath("/", "layout");
  return { message: `Page « ${data.title} » enregistrée.` };
});
