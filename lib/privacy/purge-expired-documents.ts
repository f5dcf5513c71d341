import "server-only";
import { subMonths } from "date-fns";
import { TZDate } from "@date-fns/tz";
import { db, transaction } from "@/lib/db";
import { fileStore } from "@/lib/files/storage";
import { applyTransition, SYSTEM, DOCUMENT_STATUSES, statusIn } from "@/lib/workflow";
import { UserFacingError } from "@/lib/errors";

/** How long received documents are kept after their decision (PortalSettings, 36 months unless set). */
export async function retentionMonths(): Promise<number> {
  return (
    (await db.portalSettings.findUnique({ where: { id: "portail" }, select: { documentRetentionMonths: true } }))
      ?.documentRetentionMonths ?? 36
  );
}

/** The instant before which a reviewed document is purged: `months` earlier, a month end kept in its month (31 March − 1 month = 28 or 29 February). */
export function retentionCutoff(now: Date, months: number): Date {
  return new Date(subMonths(new TZDate(now.getTime(), "UTC"), months).getTime());
}

/**
 * The daily job: a received document decided more than the retention period ago has its file deleted and its row
 * marked « Supprimé (durée de conservation) » through the workflow (the log records it, with the period). Each
 * document in its own transaction; the file goes after the commit.
 */
export async function purgeExpiredDocuments(now = new Date()): Promise<number> {
  const months = await retentionMonths();
  const before = retentionCutoff(now, months);
  const expired = await db.document.findMany({
    where: { kind: "FAMILY_UPLOAD", status: statusIn(DOCUMENT_STATUSES.DECIDED), reviewedAt: { lt: before } },
    select: { id: true, status: true, storageKey: true },
    take: 1000,
  });
  let purged = 0;
  for (const doc of expired) {
    const done = await transaction(async (tx) => {
      try {
        await applyTransition(tx, {
          machine: "DOCUMENT",
          id: doc.id,
          to: "DELETED",
          actor: SYSTEM,
          expectedFrom: doc.status as "ACCEPTED" | "REFUSED",
          reason: `Durée de conservation de ${months} mois dépassée`,
        });
        return true;
      } catch {
        return false; // changed meanwhile: the next run sees it again
      }
    });
    if (!done) continue;
    await fileStore().delete(doc.storageKey);
    purged += 1;
  }
  return purged;
}

const globalForWorker = globalThis as unknown as { retentionWorker?: NodeJS.Timeout };

/** Once a day in the server process (and five minutes after start). */
export function startRetentionWorker(intervalMs = 24 * 3600_000): void {
  if (globalForWorker.retentionWorker || process.env.RETENTION_WORKER === "off") return;
  const run = () => {
    purgeExpiredDocuments()
      .then((n) => {
        if (n > 0) console.log(`[conservation] ${n} document(s) supprimé(s) au terme de la durée de conservation`);
      })
      .catch((error: unknown) => console.error("[conservation] la suppression des documents expirés a échoué :", error));
  };
  setTimeout(run, 300_000).unref();
  globalForWorker.retentionWorker = setInterval(run, intervalMs);
  globalForWorker.retentionWorker.unref();
}

export async function setRetentionMonths(months: number) {
  const { count } = await db.portalSettings.updateMany({ where: { id: "portail" }, data: { documentRetentionMonths: months } });
  if (count === 0) throw new UserFacingError("Enregistrez d'abord l'identité de la structure (Paramètres), puis la durée de conservation.");
}
