import "server-only";
import { isLimited, scopeWhere, type StaffScope } from "@/lib/auth/staff-scope";
import { UserFacingError } from "@/lib/errors";
import { db, transaction } from "@/lib/db";
import { actorScope, applyTransition, createWithStatus, NotFoundError, type Actor } from "@/lib/workflow";
import { fileColumns, withStoredUpload } from "@/lib/files/check-upload";
import { fileStore } from "@/lib/files/storage";

/*
 * « Téléchargements »: the structure publishes a document (règlement intérieur,
 * menu, programme) for every family, a lieu d'accueil's or an activity's
 * families; replaces its file (it is « nouveau » again for everyone), withdraws
 * it and publishes it again.
 */

/** A lieu or activity outside the staff's is answered as a missing one; « every family » is for every-lieu staff (ADR 029). */
async function audience(structureId: string | null, activityId: string | null, scope: StaffScope) {
  const scoped = scopeWhere(scope);
  if (activityId) {
    const activity = await db.activity.findFirst({ where: { id: activityId, ...scoped.activity }, select: { structureId: true } });
    if (!activity) throw new NotFoundError();
    return { structureId: activity.structureId, activityId };
  }
  if (structureId && !(await db.structure.findFirst({ where: { id: structureId, ...scoped.structure }, select: { id: true } })))
    throw new NotFoundError();
  if (!structureId && isLimited(scope))
    throw new UserFacingError("Public : choisissez un de vos lieux d'accueil ou une de leurs activités.", {
      audience: "Public : choisissez un de vos lieux d'accueil ou une de leurs activités.",
    });
  return { structureId, activityId: null };
}

export async function publishDocument(input: {
  title: string;
  file: File | null;
  structureId: string | null;
  activityId: string | null;
  actor: Actor;
}): Promise<{ id: string }> {
  const target = await audience(input.structureId, input.activityId, actorScope(input.actor));
  return withStoredUpload(input.file, "file", (file) =>
    transaction((tx) =>
      createWithStatus(tx, { machine: "DOCUMENT", status: "PUBLISHED", actor: input.actor }, () =>
        tx.document.create({
          data: {
            kind: "PUBLISHED",
            status: "PUBLISHED",
            title: input.title,
            ...fileColumns(file),
            uploadedById: input.actor.userId,
            ...target,
          },
          select: { id: true },
        }),
      ),
    ),
  );
}

/** A new file for a published document: every family sees it « nouveau » again; the old file is removed. */
export async function replacePublishedFile(input: { id: string; file: File | null; actor: Actor }) {
  const doc = await db.document.findFirst({
    where: { id: input.id, kind: "PUBLISHED", ...scopeWhere(actorScope(input.actor)).publishedDocument },
    select: { storageKey: true },
  });
  if (!doc) throw new NotFoundError();
  await withStoredUpload(input.file, "file", (file) =>
    transaction(async (tx) => {
      const { count } = await tx.document.updateMany({
        where: { id: input.id, storageKey: doc.storageKey },
        data: { ...fileColumns(file), uploadedById: input.actor.userId },
      });
      if (count === 0) throw new NotFoundError();
      await tx.documentView.deleteMany({ where: { documentId: input.id } });
    }),
  );
  await fileStore().delete(doc.storageKey);
}

/** « Retirer » / « Publier à nouveau ». */
export async function setPublished(input: { id: string; published: boolean; actor: Actor }) {
  await transaction(async (tx) => {
    const doc = await tx.document.findFirst({
      where: { id: input.id, kind: "PUBLISHED", ...scopeWhere(actorScope(input.actor)).publishedDocument },
      select: { status: true },
    });
    if (!doc) throw new NotFoundError();
    await applyTransition(tx, {
      machine: "DOCUMENT",
      id: input.id,
      to: input.published ? "PUBLISHED" : "UNPUBLISHED",
      actor: input.actor,
      expectedFrom: input.published ? "UNPUBLISHED" : "PUBLISHED",
    });
  });
}
