import "server-only";
import type { Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { preparedInscriptionsDroppedEmail } from "@/lib/email/templates";
import { UserFacingError } from "@/lib/errors";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import type { Actor } from "@/lib/workflow";
import { checkInscriptionRequest, loadInscriptionContext, sendInscriptionRequest, type SentInscription } from "./request-inscription";

const preparedSelect = {
  id: true,
  childId: true,
  activityId: true,
  periodId: true,
  ageGroupId: true,
  startDate: true,
  endDate: true,
  preparedById: true,
  child: { select: { firstName: true } },
  activity: { select: { name: true } },
  period: { select: { name: true } },
} as const;

const titleOf = (row: { activity: { name: string }; period: { name: string } }) => `${row.activity.name} (${row.period.name})`;

/**
 * The child was just validated (a CHILD_ADDED request, in its transaction, under the family's lock): each request
 * prepared for the child enters the inscription workflow as if the parent sent it now — pending, waiting list, or
 * validated at once. One that no longer meets the rules (période over, registrations closed, already asked) is
 * dropped and the family told why. Any other failure rolls the validation back with it: nothing is lost.
 */
export async function sendPreparedInscriptions(
  tx: Tx,
  input: { familyId: string; childId: string; now: Date },
): Promise<{ sent: SentInscription[]; dropped: number }> {
  const rows = await tx.preparedInscription.findMany({
    where: { familyId: input.familyId, childId: input.childId },
    orderBy: { createdAt: "asc" },
    select: preparedSelect,
  });
  const sent: SentInscription[] = [];
  const dropped: { title: string; why: string }[] = [];
  for (const row of rows) {
    // Sent in the name of the parent who prepared it (the workflow lets a parent create a request).
    const actor: Actor = { userId: row.preparedById, kind: "PARENT", label: "PARENT" };
    const request = { familyId: input.familyId, childId: row.childId, activityId: row.activityId, periodId: row.periodId };
    const context = await loadInscriptionContext(tx, request);
    try {
      if (!context) throw new UserFacingError("Ce choix n'est plus disponible.");
      const checked = checkInscriptionRequest(
        context,
        {
          ageGroupId: row.ageGroupId,
          startDate: row.startDate.toISOString().slice(0, 10),
          endDate: row.endDate.toISOString().slice(0, 10),
        },
        input.now,
      );
      sent.push(await sendInscriptionRequest(tx, context, checked, { familyId: input.familyId, actor }, input.now));
    } catch (error) {
      // Only a rule's refusal drops the request; a technical failure aborts the whole decision.
      if (!(error instanceof UserFacingError)) throw error;
      dropped.push({ title: titleOf(row), why: error.message });
    }
    await tx.preparedInscription.delete({ where: { id: row.id } });
  }
  if (dropped.length > 0) await tellFamily(tx, input.familyId, rows[0].child.firstName, dropped);
  return { sent, dropped: dropped.length };
}

/** The child was refused: the requests prepared for the child go, and the family is told which. */
export async function dropPreparedInscriptions(tx: Tx, input: { familyId: string; childId: string; reason: string }): Promise<number> {
  const rows = await tx.preparedInscription.findMany({
    where: { familyId: input.familyId, childId: input.childId },
    orderBy: { createdAt: "asc" },
    select: preparedSelect,
  });
  if (rows.length === 0) return 0;
  await tx.preparedInscription.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  const why = `l'ajout de ${rows[0].child.firstName} a été refusé (motif : ${input.reason.trim()}).`;
  await tellFamily(
    tx,
    input.familyId,
    rows[0].child.firstName,
    rows.map((r) => ({ title: titleOf(r), why })),
  );
  return rows.length;
}

async function tellFamily(tx: Tx, familyId: string, firstName: string, dropped: { title: string; why: string }[]) {
  for (const recipient of await familyRecipients(tx, familyId)) {
    await enqueueEmail(tx, {
      to: recipient.email,
      familyId,
      template: "prepared-inscriptions-dropped",
      email: preparedInscriptionsDroppedEmail(recipient.person, firstName, dropped),
    });
  }
}
