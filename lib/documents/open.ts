import "server-only";
import { db } from "@/lib/db";
import { fileStore } from "@/lib/files/storage";
import { NotFoundError } from "@/lib/workflow";
import { canSeePublished } from "./list";

/**
 * A document's file for a download: a parent gets its family's own documents and the published ones of its
 * audience (and the view is recorded: it is no longer « nouveau »); staff get any. Anything else — another
 * family's, a withdrawn one, a deleted file — is the same answer as a missing id.
 */
export async function openDocument(input: { id: string; familyId: string | null }): Promise<{ bytes: Uint8Array; fileName: string; mimeType: string }> {
  const doc = await db.document.findUnique({ where: { id: input.id }, select: { familyId: true, kind: true, status: true, storageKey: true, fileName: true, mimeType: true } });
  if (!doc || doc.status === "DELETED") throw new NotFoundError();
  if (input.familyId) {
    const own = doc.familyId === input.familyId;
    const published = doc.kind === "PUBLISHED" && (await canSeePublished(input.familyId, input.id));
    if (!own && !published) throw new NotFoundError();
    if (published) await db.documentView.createMany({ data: [{ documentId: input.id, familyId: input.familyId }], skipDuplicates: true });
  }
  const bytes = await fileStore().get(doc.storageKey);
  if (!bytes) throw new Error(`Fichier absent du stockage pour le document ${input.id}`);
  return { bytes, fileName: doc.fileName, mimeType: doc.mimeType };
}
