import "server-only";
import { scopeWhere } from "@/lib/auth/staff-scope";
import { db, transaction, type Tx } from "@/lib/db";
import { emptyReport, type BulkReport } from "@/lib/bulk";
import { parisDay, dateOf } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { documentsDecidedEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { formatCalendarDate } from "@/lib/format";
import { creditNoteIn } from "@/lib/billing/create-credit-note";
import { actorScope, applyTransition, NotFoundError, StaleStatusError, type Actor, isIn, RESERVATION_STATUSES } from "@/lib/workflow";
import { validUntil } from "./validity";
import { wasBilledAbsence } from "./upload-document";

/**
 * « Accepter » / « Refuser » received documents, one by one or in bulk: family by family, each in its transaction
 * with its one e-mail. A document decided meanwhile by a colleague is left and reported. An accepted certificate
 * that justifies a billed absence excuses it (A Fact. → A Exc.), or, once invoiced, credits it by an avoir.
 */
export async function reviewDocuments(input: {
  ids: string[];
  decision: "ACCEPT" | "REFUSE";
  reason: string | null;
  actor: Actor;
  now?: Date;
}): Promise<BulkReport> {
  const ids = [...new Set(input.ids)];
  if (input.decision === "REFUSE" && !input.reason?.trim()) throw new UserFacingError("Motif du refus : champ obligatoire.");
  // A document about a child (or a family) of another lieu than the staff's is answered as a missing one (ADR 029).
  const inScope = scopeWhere(actorScope(input.actor)).familyDocument;
  const rows = await db.document.findMany({
    where: { id: { in: ids }, kind: "FAMILY_UPLOAD", ...inScope },
    select: { id: true, familyId: true },
  });
  if (rows.length !== ids.length) throw new NotFoundError();
  const byFamily = new Map<string, string[]>();
  for (const r of rows) byFamily.set(r.familyId!, [...(byFamily.get(r.familyId!) ?? []), r.id]);
  const report = emptyReport();
  const today = parisDay(input.now ?? new Date());
  for (const [familyId, familyIds] of byFamily) {
    await transaction(async (tx) => {
      const docs = await tx.document.findMany({
        where: { id: { in: familyIds } },
        select: {
          id: true,
          status: true,
          title: true,
          reservationId: true,
          type: { select: { validity: true } },
          child: { select: { firstName: true } },
        },
      });
      const accepted: string[] = [];
      const refused: { title: string; reason: string }[] = [];
      for (const doc of docs) {
        const name = doc.child ? `${doc.title} (${doc.child.firstName})` : doc.title;
        try {
          await applyTransition(tx, {
            machine: "DOCUMENT",
            id: doc.id,
            to: input.decision === "ACCEPT" ? "ACCEPTED" : "REFUSED",
            actor: input.actor,
            expectedFrom: "RECEIVED",
            reason: input.reason ?? undefined,
          });
        } catch (error) {
          if (!(error instanceof StaleStatusError) && !(error instanceof UserFacingError)) throw error;
          report.notDone.push({ id: doc.id, message: `${name} : le document a changé entre-temps, il n'a pas été décidé.` });
          continue;
        }
        const until = input.decision === "ACCEPT" && doc.type ? validUntil(doc.type.validity, today) : null;
        await tx.document.update({
          where: { id: doc.id },
          data: {
            reviewedAt: new Date(),
            reviewedById: input.actor.userId,
            reason: input.reason,
            validUntil: until ? dateOf(until) : null,
          },
        });
        if (input.decision === "ACCEPT" && doc.reservationId) await excuseAbsence(tx, doc.reservationId, input.actor);
        if (input.decision === "ACCEPT") accepted.push(name);
        else refused.push({ title: name, reason: input.reason! });
        report.done.push(doc.id);
      }
      if (accepted.length + refused.length === 0) return;
      for (const { email: to, person } of await familyRecipients(tx, familyId)) {
        await enqueueEmail(tx, { to, familyId, template: "documents-decided", email: documentsDecidedEmail(person, accepted, refused) });
      }
    });
  }
  return report;
}

/** A certificate accepted for a billed absence: excused if not invoiced yet, else credited by an avoir of its line. */
async function excuseAbsence(tx: Tx, reservationId: string, actor: Actor) {
  const absence = await tx.reservation.findUniqueOrThrow({
    where: { id: reservationId },
    select: { status: true, date: true, invoiceLines: { select: { invoiceId: true, totalCents: true } } },
  });
  const reason = `Absence du ${formatCalendarDate(absence.date)} justifiée par un certificat médical`;
  if (isIn(RESERVATION_STATUSES.BILLED_ABSENCE, absence.status)) {
    await applyTransition(tx, {
      machine: "RESERVATION",
      id: reservationId,
      to: "ABSENT_EXCUSED",
      actor,
      expectedFrom: "ABSENT_BILLED",
      reason,
    });
    return;
  }
  // A day split between two foyers (garde alternée, ADR 051) has a line on each foyer's invoice: each is credited.
  const lines = absence.invoiceLines.filter((line) => line.totalCents > 0);
  if (
    isIn(RESERVATION_STATUSES.INVOICED, absence.status) &&
    lines.length > 0 &&
    (await wasBilledAbsence(tx, reservationId, absence.status))
  ) {
    for (const line of lines) await creditNoteIn(tx, { invoiceId: line.invoiceId, amountCents: line.totalCents, reason, actor });
  }
}
