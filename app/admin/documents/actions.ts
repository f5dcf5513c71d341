"use server";
import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/action";
import { bulkMessage } from "@/lib/bulk";
import {
  documentTypeSchema,
  publishDocumentSchema,
  replacePublishedSchema,
  retentionSchema,
  reviewDocumentsSchema,
  setPublishedSchema,
} from "@/lib/documents/schemas";
import { setRetentionMonths } from "@/lib/privacy/purge-expired-documents";
import { reviewDocuments } from "@/lib/documents/review-documents";
import { publishDocument, replacePublishedFile, setPublished } from "@/lib/documents/publish-document";
import { createDocumentType } from "@/lib/documents/create-document-type";
import { fieldError, UserFacingError } from "@/lib/errors";
import { idSchema, refusalSchema } from "@/lib/forms/fields";
import type { Actor } from "@/lib/workflow";

export const reviewDocumentsAction = staffAction(reviewDocumentsSchema, async ({ ids, decision, reason }, staff) => {
  if (decision === "refuse" && !reason) fieldError("reason", "Motif du refus : champ obligatoire.");
  const report = await reviewDocuments({ ids, decision: decision === "validate" ? "ACCEPT" : "REFUSE", reason, actor: staff.actor });
  revalidatePath("/admin", "layout");
  return {
    message: bulkMessage(report, {
      done: decision === "validate" ? ["document accepté", "documents acceptés"] : ["document refusé", "documents refusés"],
      then: "chaque famille est prévenue par e-mail",
    }),
  };
});

/** One document, « Accepter » / « Refuser » (a colleague's decision meanwhile is said, not hidden). */
async function decideOne(id: string, decision: "ACCEPT" | "REFUSE", reason: string | null, actor: Actor) {
  const report = await reviewDocuments({ ids: [id], decision, reason, actor });
  if (report.notDone[0]) throw new UserFacingError(report.notDone[0].message);
  revalidatePath("/admin", "layout");
  return null;
}

export const acceptDocumentAction = staffAction(idSchema, async ({ id }, staff) => decideOne(id, "ACCEPT", null, staff.actor));
export const refuseDocumentAction = staffAction(refusalSchema, async ({ id, reason }, staff) =>
  decideOne(id, "REFUSE", reason, staff.actor),
);

/** « lieu:<id> », « activite:<id> » or empty (every family). */
const audienceOf = (value: string) => ({
  structureId: value.startsWith("lieu:") ? value.slice(5) : null,
  activityId: value.startsWith("activite:") ? value.slice(9) : null,
});

export const publishDocumentAction = staffAction(publishDocumentSchema, async ({ title, audience, file }, staff) => {
  await publishDocument({ title, file, ...audienceOf(audience), actor: staff.actor });
  revalidatePath("/", "layout");
  return { message: `« ${title} » est publié dans les Téléchargements des familles.` };
});

export const replacePublishedAction = staffAction(replacePublishedSchema, async ({ id, file }, staff) => {
  await replacePublishedFile({ id, file, actor: staff.actor });
  revalidatePath("/", "layout");
  return { message: "Fichier remplacé : le document est de nouveau « nouveau » pour les familles." };
});

export const setPublishedAction = staffAction(setPublishedSchema, async ({ id, published }, staff) => {
  await setPublished({ id, published, actor: staff.actor });
  revalidatePath("/", "layout");
  return { message: published ? "Document publié à nouveau." : "Document retiré des Téléchargements." };
});

export const createDocumentTypeAction = staffAction(documentTypeSchema, async (data) => {
  await createDocumentType(data);
  revalidatePath("/", "layout");
  return { message: `Type « ${data.name} » ajouté.` };
});

export const retentionAction = staffAction(retentionSchema, async ({ months }) => {
  await setRetentionMonths(months);
  revalidatePath("/admin/documents");
  return { message: `Les documents reçus seront supprimés ${months} mois après leur décision.` };
});
