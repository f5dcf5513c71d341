import { count, formatCents } from "@/lib/format";
import { Alert } from "@/components/ui/field";
import { RefreshWhile } from "./refresh-while";

interface Run {
  status: "RUNNING" | "DONE" | "FAILED";
  total: number;
  done: number;
  invoices: number;
  totalCents: number;
  firstNumber: string | null;
  lastNumber: string | null;
  familiesWithoutLines: number;
  error: string | null;
}

/** The month's last « Générer le mois »: a progress bar while it runs (the page reads it again), then its summary. */
export function BillingRunStatus({ run }: { run: Run | null }) {
  if (!run) return null;
  return (
    <div className="mb-4" role="status" aria-live="polite">
      <RefreshWhile active={run.status === "RUNNING"} />
      {run.status === "RUNNING" ? (
        <div className="card">
          <label htmlFor="progression" className="font-semibold">{run.total === 0 ? "Préparation de la génération…" : `Génération en cours : ${run.done.toLocaleString("fr-FR")} / ${run.total.toLocaleString("fr-FR")} familles`}</label>
          <progress id="progression" className="mt-2 block h-4 w-full accent-brand" max={Math.max(run.total, 1)} value={run.done}>
            {run.total ? Math.round((100 * run.done) / run.total) : 0} %
          </progress>
        </div>
      ) : null}
      {run.status === "DONE" ? (
        <Alert tone="success">
          {run.invoices === 0
            ? "Rien de nouveau à facturer."
            : `${count(run.invoices, "facture créée", "factures créées")} (${run.invoices === 1 ? `n° ${run.firstNumber}` : `${run.firstNumber} à ${run.lastNumber}`}), total ${formatCents(run.totalCents)} ; ${count(run.familiesWithoutLines, "famille inscrite sans rien à facturer", "familles inscrites sans rien à facturer")}.`}
        </Alert>
      ) : null}
      {run.status === "FAILED" ? <Alert tone="error">{run.error}</Alert> : null}
    </div>
  );
}
