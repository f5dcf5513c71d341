import type { ReactNode } from "react";
import { count, formatCents, formatDateTime } from "@/lib/format";
import { Alert } from "@/components/ui/field";
import { RefreshWhile } from "./refresh-while";
import { BILLING_RUN_STATUSES, isIn } from "@/lib/workflow/machines";
import { Card } from "@/components/ui/card";

interface Run {
  kind: "GENERATE" | "ISSUE";
  status: "RUNNING" | "DONE" | "FAILED";
  /** RUNNING, but its server stopped (no heartbeat): it moves no more until « Reprendre ». */
  interrupted: boolean;
  /** RUNNING, recorded here but left to the server that runs billing (BILLING_WORKER=off here), not taken yet. */
  queued?: boolean;
  /** False while no process has taken it (queued, or left there by no worker server): it has no heartbeat to show. */
  taken?: boolean;
  startedAt: Date;
  total: number;
  done: number;
  invoices: number;
  totalCents: number;
  firstNumber: string | null;
  lastNumber: string | null;
  familiesWithoutLines: number;
  error: string | null;
  heartbeatAt: Date;
}

const WORDS = {
  GENERATE: {
    preparing: "Préparation de la génération…",
    queued: "Génération en attente du serveur de traitement…",
    queuedHint: "Le serveur chargé des factures la commence dans quelques secondes ; vous pouvez quitter cette page.",
    notTaken: "La génération n'a pas commencé : aucun serveur de traitement ne l'a prise",
    runItHere: "Lancez-la ici avec « Reprendre »",
    running: "Génération en cours",
    unit: "familles",
    interrupted: "La génération a été interrompue",
    resumeIt: "Reprenez-la : elle continue",
    what: "rien ne sera facturé deux fois, les numéros restent continus",
  },
  ISSUE: {
    preparing: "Préparation de l'envoi…",
    queued: "Envoi en attente du serveur de traitement…",
    queuedHint: "Le serveur chargé des factures le commence dans quelques secondes ; vous pouvez quitter cette page.",
    notTaken: "L'envoi des factures n'a pas commencé : aucun serveur de traitement ne l'a pris",
    runItHere: "Lancez-le ici avec « Reprendre »",
    running: "Envoi en cours",
    unit: "factures",
    interrupted: "L'envoi des factures a été interrompu",
    resumeIt: "Reprenez-le : il continue",
    what: "aucune facture ni aucun e-mail ne sera envoyé deux fois",
  },
} as const;

/**
 * The month's last run (« Générer le mois » or « Envoyer les factures »): a progress bar while it runs (the page reads
 * it again), « Reprendre » when its server stopped, then its summary. `resume` is the « Reprendre » form.
 */
export function BillingRunStatus({ run, resume }: { run: Run | null; resume?: ReactNode }) {
  if (!run) return null;
  const words = WORDS[run.kind];
  const progress = `${run.done.toLocaleString("fr-FR")} / ${run.total.toLocaleString("fr-FR")} ${words.unit}`;
  return (
    <div id="etat-facturation" tabIndex={-1} className="mb-4" role="status" aria-live="polite">
      <RefreshWhile active={isIn(BILLING_RUN_STATUSES.RUNNING, run.status) && !run.interrupted} />
      {isIn(BILLING_RUN_STATUSES.RUNNING, run.status) && !run.interrupted ? (
        <Card>
          <label htmlFor="progression" className="font-semibold">
            {run.queued ? words.queued : run.total === 0 ? words.preparing : `${words.running} : ${progress}`}
          </label>
          {run.queued ? (
            // Indeterminate (no value): nothing has started, there is no share done to show.
            <progress id="progression" className="mt-2 block h-4 w-full accent-brand" />
          ) : (
            <progress id="progression" className="mt-2 block h-4 w-full accent-brand" max={Math.max(run.total, 1)} value={run.done}>
              {run.total ? Math.round((100 * run.done) / run.total) : 0} %
            </progress>
          )}
          {run.queued ? <p className="mt-2 text-sm text-gray-800">{words.queuedHint}</p> : null}
        </Card>
      ) : null}
      {isIn(BILLING_RUN_STATUSES.RUNNING, run.status) && run.interrupted ? (
        <Alert tone="error">
          {run.taken === false ? (
            // Never taken: no heartbeat (its placeholder date is not one) and nothing done to speak of.
            <p>
              {words.notTaken} depuis le {formatDateTime(run.startedAt)} (le serveur de traitement est-il arrêté ? Prévenez la personne qui
              administre le portail). {words.runItHere} ; {words.what}.
            </p>
          ) : (
            <p>
              {words.interrupted} à {progress} (le serveur s&apos;est arrêté ; dernier signe de vie le {formatDateTime(run.heartbeatAt)}).{" "}
              {words.resumeIt} où {run.kind === "GENERATE" ? "elle" : "il"} en était ; {words.what}.
            </p>
          )}
          {resume}
        </Alert>
      ) : null}
      {isIn(BILLING_RUN_STATUSES.DONE, run.status) && run.kind === "GENERATE" ? (
        <Alert tone="success">
          {run.invoices === 0
            ? "Rien de nouveau à facturer."
            : `${count(run.invoices, "facture créée", "factures créées")} (${run.invoices === 1 ? `n° ${run.firstNumber}` : `${run.firstNumber} à ${run.lastNumber}`}), total ${formatCents(run.totalCents)} ; ${count(run.familiesWithoutLines, "famille inscrite sans rien à facturer", "familles inscrites sans rien à facturer")}.`}
        </Alert>
      ) : null}
      {isIn(BILLING_RUN_STATUSES.DONE, run.status) && run.kind === "ISSUE" ? (
        <Alert tone="success">
          {run.invoices === 0
            ? "Aucune facture à envoyer."
            : `${count(run.invoices, "facture envoyée", "factures envoyées")} aux familles par e-mail.`}
        </Alert>
      ) : null}
      {isIn(BILLING_RUN_STATUSES.FAILED, run.status) ? <Alert tone="error">{run.error}</Alert> : null}
    </div>
  );
}
