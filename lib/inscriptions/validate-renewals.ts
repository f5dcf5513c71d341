import "server-only";
import { db, transaction, type Tx } from "@/lib/db";
import { MAX_BULK } from "@/lib/bulk-schema";
import { emptyReport, type BulkReport } from "@/lib/bulk";
import { UserFacingError } from "@/lib/errors";
import { lockInscriptionPlaces } from "@/lib/locks";
import { actorScope, type Actor } from "@/lib/workflow";
import { scopeWhere } from "@/lib/auth/staff-scope";
import { enqueueEmail } from "@/lib/email/enqueue-email";
import { personName, renewalsValidatedEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { formatLongDate } from "@/lib/format";
import { validateLockedInscription } from "./decide-inscription";

/**
 * Staff validate renewals in bulk (« Réinscriptions » of the queue, ADR 052): family by family, each family in one
 * transaction, each inscription validated by the same rule as one at a time (validateLockedInscription: a waiting
 * request only if a place is free, never before an earlier rank), and ONE e-mail per family naming every child
 * validated — not one per child. An inscription that cannot be validated is said in the report and does not stop
 * the family's others (its refusal is thrown before anything of it is written).
 */
export async function validateRenewals(input: { ids: string[]; actor: Actor }): Promise<BulkReport> {
  const report = emptyReport();
  const ids = [...new Set(input.ids)].slice(0, MAX_BULK);
  // Another lieu's inscription answers as a missing one (ADR 029).
  const rows = await db.inscription.findMany({
    where: { id: { in: ids }, ...scopeWhere(actorScope(input.actor)).inscription },
    select: { id: true, familyId: true, activityId: true, periodId: true, child: { select: { firstName: true } } },
  });
  for (const id of ids) if (!rows.some((r) => r.id === id)) report.notDone.push({ id, message: "Élément introuvable." });
  const families = [...new Set(rows.map((r) => r.familyId))].sort();
  for (const familyId of families) {
    const ofFamily = rows.filter((r) => r.familyId === familyId).sort((a, b) => a.id.localeCompare(b.id));
    try {
      const done = await transaction(async (tx) => {
        // The places of each activity and period, in one order (lib/locks.ts), then each row in id order.
        const scopes = [...new Set(ofFamily.map((r) => `${r.activityId}|${r.periodId}`))].sort();
        for (const scope of scopes) {
          const [activityId, periodId] = scope.split("|") as [string, string];
          await lockInscriptionPlaces(tx, activityId, periodId);
        }
        const validated: string[] = [];
        for (const row of ofFamily) {
          try {
            await validateLockedInscription(tx, { id: row.id, actor: input.actor });
            validated.push(row.id);
          } catch (error) {
            if (!(error instanceof UserFacingError)) throw error;
            report.notDone.push({ id: row.id, message: `${row.child.firstName} : ${error.message}` });
          }
        }
        if (validated.length > 0) await notifyRenewalsValidated(tx, familyId, validated);
        return validated;
      });
      report.done.push(...done);
    } catch (error) {
      if (!(error instanceof UserFacingError)) console.error("[renewals] erreur inattendue :", error);
      const message = error instanceof UserFacingError ? error.message : "Erreur inattendue";
      for (const row of ofFamily) if (!report.notDone.some((n) => n.id === row.id)) report.notDone.push({ id: row.id, message });
    }
  }
  return report;
}

/** One e-mail per parent with a login of the family, naming every child validated (same transaction). */
async function notifyRenewalsValidated(tx: Tx, familyId: string, ids: string[]) {
  const inscriptions = await tx.inscription.findMany({
    where: { id: { in: ids } },
    orderBy: [{ child: { birthDate: "asc" } }, { id: "asc" }],
    select: {
      startDate: true,
      endDate: true,
      child: { select: { firstName: true, lastName: true } },
      activity: { select: { name: true } },
    },
  });
  const lines = inscriptions.map((i) => ({
    childName: personName(i.child),
    activity: i.activity.name,
    start: formatLongDate(i.startDate),
    end: formatLongDate(i.endDate),
  }));
  for (const { email: to, person } of await familyRecipients(tx, familyId)) {
    await enqueueEmail(tx, { to, familyId, template: "renewals-validated", email: renewalsValidatedEmail(person, lines) });
  }
}
