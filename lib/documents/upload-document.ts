import "server-only";
import { familyChildWhere } from "@/lib/families/foyers";
import { familyReservationWhere } from "@/lib/families/foyer-wheres";
import { db, transaction, type Tx } from "@/lib/db";
import { UserFacingError, fieldError } from "@/lib/errors";
import { createWithStatus, NotFoundError, type Actor, DOCUMENT_STATUSES, isIn, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";
import { lockFamily } from "@/lib/locks";
import { fileColumns, withStoredUpload } from "@/lib/files/check-upload";

/** A billed absence (A Fact.), or one invoiced as such (its log says so): never a presence or a booking invoiced. */
export async function wasBilledAbsence(tx: Tx, reservationId: string, status: string): Promise<boolean> {
  if (isIn(RESERVATION_STATUSES.BILLED_ABSENCE, status)) return true;
  if (!isIn(RESERVATION_STATUSES.INVOICED, status)) return false;
  return (
    (await tx.transitionLog.count({
      where: { machine: "RESERVATION", entityId: reservationId, fromStatus: "ABSENT_BILLED", toStatus: "INVOICED" },
    })) > 0
  );
}

/** Documents a family may have waiting for the structure at once (counted under the family's lock). */
export const MAX_PENDING_UPLOADS = 20;

/**
 * « Mes envois »: a family sends a document (a type, for the family or one of its children), or replaces a refused
 * one. The file is checked from its content and stored first; the row is written in a transaction under the
 * family's lock (the limit of documents waiting is counted there); if the row cannot be written the file is removed.
 */
export async function uploadFamilyDocument(input: {
  familyId: string;
  actor: Actor;
  typeId: string;
  childId: string | null;
  file: File | null;
  replacesId: string | null;
  reservationId?: string | null;
}): Promise<{ id: string }> {
  const type = await db.documentType.findUnique({ where: { id: input.typeId }, select: { id: true, name: true, scope: true } });
  if (!type) fieldError("typeId", "Type de document : choisissez dans la liste.");
  if (type.scope === "CHILD" && !input.childId)
    fieldError("childId", `Enfant : choisissez l'enfant que concerne le document « ${type.name} ».`);
  return withStoredUpload(input.file, "file", (file) =>
    transaction(async (tx) => {
      await lockFamily(tx, input.familyId);
      // A shared child is either foyer's to write about; the document stays this foyer's own (ADR 051).
      if (
        input.childId &&
        !(await tx.child.findFirst({ where: { id: input.childId, ...familyChildWhere(input.familyId) }, select: { id: true } }))
      )
        throw new NotFoundError();
      if (input.replacesId) {
        const replaced = await tx.document.findFirst({
          where: { id: input.replacesId, familyId: input.familyId, kind: "FAMILY_UPLOAD" },
          select: { status: true },
        });
        if (!replaced) throw new NotFoundError();
        if (!isIn(DOCUMENT_STATUSES.REFUSED, replaced.status))
          throw new UserFacingError("Seul un document refusé se remplace ; celui-ci n'est plus refusé.");
      }
      if (input.reservationId) {
        const absence = await tx.reservation.findFirst({
          where: { id: input.reservationId, ...familyReservationWhere(input.familyId) },
          select: { status: true },
        });
        if (!absence) throw new NotFoundError();
        if (!(await wasBilledAbsence(tx, input.reservationId, absence.status)))
          throw new UserFacingError("Seule une absence facturée se justifie par un certificat.");
        // One certificate per absence (counted under the family's lock): it can never be excused or credited twice.
        if (await tx.document.count({ where: { reservationId: input.reservationId, status: statusIn(DOCUMENT_STATUSES.STANDING) } })) {
          throw new UserFacingError("Un certificat a déjà été envoyé pour cette absence.");
        }
      }
      const waiting = await tx.document.count({ where: { familyId: input.familyId, kind: "FAMILY_UPLOAD", status: "RECEIVED" } });
      if (waiting >= MAX_PENDING_UPLOADS)
        throw new UserFacingError(
          `Vous avez déjà ${MAX_PENDING_UPLOADS} documents en attente : attendez que la structure les traite avant d'en envoyer d'autres.`,
        );
      return createWithStatus(tx, { machine: "DOCUMENT", status: "RECEIVED", actor: input.actor }, () =>
        tx.document.create({
          data: {
            familyId: input.familyId,
            childId: input.childId,
            typeId: type.id,
            kind: "FAMILY_UPLOAD",
            status: "RECEIVED",
            title: type.name,
            ...fileColumns(file),
            replacesId: input.replacesId,
            reservationId: input.reservationId ?? null,
            uploadedById: input.actor.userId,
          },
          select: { id: true },
        }),
      );
    }),
  );
}
