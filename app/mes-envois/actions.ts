"use server";
import { revalidatePath } from "next/cache";
import { parentAction } from "@/lib/action";
import { uploadDocumentSchema } from "@/lib/documents/schemas";
import { uploadFamilyDocument } from "@/lib/documents/upload-document";

/** « Envoyer » a document to the structure (or a new one for a refused one, or a certificate for an absence). */
export const uploadDocumentAction = parentAction(
  uploadDocumentSchema,
  async ({ typeId, childId, replacesId, reservationId, file }, parent) => {
    await uploadFamilyDocument({ familyId: parent.familyId, actor: parent.actor, typeId, childId, replacesId, reservationId, file });
    revalidatePath("/", "layout");
    return { message: "Document envoyé : la structure va le vérifier. Vous suivez son état ici et sur votre tableau de bord." };
  },
);
