import "server-only";
import { ALL_LIEUX, isLimited, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { db } from "@/lib/db";
import { fileStore } from "@/lib/files/storage";
import { NotFoundError, DOCUMENT_STATUSES, isIn } from "@/lib/workflow";
import { canSeePublished } from "./list-downloads";

/** The row is there but its file is not in the store (deleted outside the portal): a technical failure, not a missing id. */
export class FileMissingError extends Error {
  constructor(documentId: string) {
    super(`Fichier absent du stockage pour le document ${documentId}`);
    this.name = "FileMissingError";
  }
}

/**
 * A document's file for a download: a parent gets its family's own documents and the published ones of its
 * audience (and the view is recorded: it is no longer « nouveau »); staff get any. Anything else — another
 * family's, a withdrawn one — is the same answer as a missing id. A row whose file is gone from the store is marked
 * missing (staff see « Fichier manquant »), logged, and thrown as FileMissingError.
 */
export async function openDocument(input: {
  id: string;
  familyId: string | null;
  /** Staff's lieux (ADR 029): a family's document outside them is answered as missing; published ones are readable by all staff. */
  scope?: StaffScope;
}): Promise<{ bytes: Uint8Array; fileName: string; mimeType: string }> {
  const scope = input.scope ?? ALL_LIEUX;
  // (Only when limited: Prisma reads an empty condition inside OR as matching nothing.)
  const scoped = !input.familyId && isLimited(scope) ? { OR: [{ kind: "PUBLISHED" as const }, scopeWhere(scope).familyDocument] } : {};
  const doc = await db.document.findFirst({
    where: { id: input.id, ...scoped },
    select: { familyId: true, kind: true, status: true, storageKey: true, fileName: true, mimeType: true },
  });
  if (!doc || isIn(DOCUMENT_STATUSES.FILE_DELETED, doc.status)) throw new NotFoundError();
  if (input.familyId) {
    const own = doc.familyId === input.familyId;
    const published = doc.kind === "PUBLISHED" && (await canSeePublished(input.familyId, input.id));
    if (!own && !published) throw new NotFoundError();
    // An issued document (an attestation fiscale) is « nouveau » until opened, as a published one.
    const issued = own && doc.kind === "FAMILY_ISSUED";
    if (published || issued)
      await db.documentView.createMany({ data: [{ documentId: input.id, familyId: input.familyId }], skipDuplicates: true });
  }
  const bytes = await fileStore().get(doc.storageKey);
  if (!bytes) {
    // Raw, so that the document's « mis à jour le » stays the date of its file; once, while this file is the one.
    await db.$executeRaw`UPDATE "Document" SET "fileMissingAt" = now() WHERE "id" = ${input.id} AND "storageKey" = ${doc.storageKey} AND "fileMissingAt" IS NULL`;
    const error = new FileMissingError(input.id);
    console.error(`[documents] ${error.message} (clé ${doc.storageKey}) : marqué « Fichier manquant » pour le personnel`);
    throw error;
  }
  return { bytes, fileName: doc.fileName, mimeType: doc.mimeType };
}
