import type { ReactNode } from "react";
import { formatDateTime } from "@/lib/format";
import { FILE_LABELS, type ImportFileKind } from "@/lib/import/columns";
import { IMPORT_RUN_STATUSES, isIn } from "@/lib/workflow/machines";
import { Alert } from "@/components/ui/field";
import { Card } from "@/components/ui/card";
import { RefreshWhile } from "@/components/billing/refresh-while";

type Counts = Partial<Record<ImportFileKind, Partial<Record<"CREATE" | "UPDATE" | "UNCHANGED" | "ERROR", number>>>>;

interface Run {
  status: "RUNNING" | "DONE" | "FAILED";
  /** RUNNING, but its server stopped (no heartbeat): it moves no more until « Reprendre ». */
  interrupted: boolean;
  total: number;
  done: number;
  counts: Counts;
  error: string | null;
  heartbeatAt: Date;
  finishedAt: Date | null;
}

const KINDS: ImportFileKind[] = ["familles", "enfants", "inscriptions"];
const plural = (n: number, one: string, many: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;

/** What the batches written did, per file: « Familles : 3 créations, 1 mise à jour, 2 inchangées ». */
function countsText(counts: Counts): string {
  return KINDS.flatMap((kind) => {
    const c = counts[kind];
    if (!c) return [];
    const parts = [
      plural(c.CREATE ?? 0, "création", "créations"),
      plural(c.UPDATE ?? 0, "mise à jour", "mises à jour"),
      plural(c.UNCHANGED ?? 0, "inchangée", "inchangées"),
    ];
    return [`${FILE_LABELS[kind]} : ${parts.join(", ")}`];
  }).join(" ; ");
}

/**
 * The last « Importer »: a progress bar while it runs (the page reads it again every two seconds, whichever server
 * runs it), « Reprendre » when its server stopped, then what it wrote. `resume` is the « Reprendre » button.
 */
export function ImportRunStatus({ run, resume }: { run: Run | null; resume?: ReactNode }) {
  if (!run) return null;
  const running = isIn(IMPORT_RUN_STATUSES.RUNNING, run.status);
  const progress = `${plural(run.done, "lot", "lots")} sur ${run.total.toLocaleString("fr-FR")}`;
  return (
    <div className="mb-4" role="status" aria-live="polite" id="import-en-cours">
      <RefreshWhile active={running && !run.interrupted} />
      {running && !run.interrupted ? (
        <Card>
          <label htmlFor="progression-import" className="font-semibold">
            Import en cours : {progress}
          </label>
          <progress id="progression-import" className="mt-2 block h-4 w-full accent-brand" max={Math.max(run.total, 1)} value={run.done}>
            {run.total ? Math.round((100 * run.done) / run.total) : 0} %
          </progress>
        </Card>
      ) : null}
      {running && run.interrupted ? (
        <Alert tone="error">
          <p>
            L&apos;import a été interrompu à {progress} (le serveur s&apos;est arrêté ; dernier signe de vie le{" "}
            {formatDateTime(run.heartbeatAt)}). Reprenez-le : il continue où il en était ; rien ne sera importé deux fois.
          </p>
          {resume}
        </Alert>
      ) : null}
      {isIn(IMPORT_RUN_STATUSES.DONE, run.status) ? (
        <Alert tone="success">
          Import terminé : {plural(run.total, "lot enregistré", "lots enregistrés")}
          {run.finishedAt ? ` le ${formatDateTime(run.finishedAt)}` : ""}. {countsText(run.counts)}.
        </Alert>
      ) : null}
      {isIn(IMPORT_RUN_STATUSES.FAILED, run.status) ? (
        <Alert tone="error">
          L&apos;import s&apos;est arrêté après {progress} : {run.error}
        </Alert>
      ) : null}
    </div>
  );
}
