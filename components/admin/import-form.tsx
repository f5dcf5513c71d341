"use client";
import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { Alert, FormAlert } from "@/components/ui/field";
import { FileField } from "@/components/ui/file-field";
import { useActionDone } from "@/components/ui/use-action-done";
import { callAction } from "@/components/form/call-action";
import type { ActionResult } from "@/lib/action-result";
import { FILE_LABELS, type ImportFileKind } from "@/lib/import/columns";
import type { ImportSummary } from "@/lib/import/summarise-report";
import { fileSize, MAX_UPLOAD_BYTES } from "@/lib/files/limits";
import { formatIssue } from "@/lib/import/format-issue";
import { count } from "@/lib/format";

const ACTION_WORDS = { CREATE: "Création", UPDATE: "Mise à jour", UNCHANGED: "Inchangé", ERROR: "Erreur" } as const;
const KINDS: ImportFileKind[] = ["familles", "enfants", "inscriptions"];

/**
 * The import: choose the files, « Vérifier » (the dry run: counts and the lines that change or are wrong), then
 * « Importer » the same files — offered only once a check found no error. The import then runs as a recorded run
 * whose progress and outcome the page shows above this form (ImportRunStatus).
 */
export function ImportForm({
  check,
  apply,
}: {
  check: (form: FormData) => Promise<ActionResult<ImportSummary>>;
  /** `started`: the run recorded (its progress and outcome are shown by the page); null when lines are in error. */
  apply: (form: FormData) => Promise<ActionResult<ImportSummary & { started: { runId: string; message: string } | null }>>;
}) {
  const done = useActionDone();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<"check" | "apply" | null>(null);

  function send(which: "check" | "apply") {
    if (!formRef.current) return;
    const data = new FormData(formRef.current);
    setError(null);
    setFieldErrors({});
    setRunning(which);
    startTransition(async () => {
      const result = await callAction<ImportSummary & { started?: { runId: string; message: string } | null }>(() =>
        which === "check" ? check(data) : apply(data),
      );
      setRunning(null);
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      const started = result.data.started;
      if (started) {
        setSummary(null);
        formRef.current?.reset();
        done(started.message, ["#import-en-cours"]);
        return;
      }
      setSummary(result.data);
    });
  }

  const rows: DataRow[] = (summary?.lines ?? []).map((l) => ({
    id: `${l.file}-${l.line}`,
    cells: {
      file: FILE_LABELS[l.file],
      line: l.line,
      label: l.label || "—",
      action: ACTION_WORDS[l.action],
      detail:
        l.errors.length > 0 ? (
          <ul className="list-disc pl-4">
            {l.errors.map((e, i) => (
              <li key={i}>{formatIssue(e)}</li>
            ))}
          </ul>
        ) : (
          l.changes.join(", ") || "—"
        ),
    },
    sort: { line: l.line, file: l.file, action: l.action },
    search: `${l.label} ${l.errors.map((e) => e.message).join(" ")}`,
    label: `${FILE_LABELS[l.file]}, ligne ${l.line}`,
  }));

  return (
    <div className="flex flex-col gap-4">
      <form ref={formRef} noValidate onSubmit={(event) => event.preventDefault()} onChange={() => setSummary(null)}>
        <FormAlert message={error} />
        {KINDS.map((kind) => (
          <FileField
            key={kind}
            name={kind}
            title={`Fichier ${FILE_LABELS[kind].toLowerCase()}${kind === "familles" ? "" : " (facultatif)"}`}
            accept=".csv,text/csv,text/plain"
            invalid={Boolean(fieldErrors[kind])}
            error={fieldErrors[kind]}
            hint={`CSV (UTF-8 ou Windows-1252, « ; » ou « , »), ${fileSize(MAX_UPLOAD_BYTES)} au maximum.`}
          />
        ))}
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            variant="secondary"
            pending={pending && running === "check"}
            pendingLabel="Vérification en cours…"
            onClick={() => send("check")}
          >
            Vérifier
          </Button>
          {summary && summary.errorCount === 0 ? (
            <Button type="button" pending={pending && running === "apply"} pendingLabel="Import en cours…" onClick={() => send("apply")}>
              Importer
            </Button>
          ) : null}
        </div>
      </form>
      {summary ? (
        <Card title="Vérification (rien n'est encore enregistré)" titleId="rapport-import">
          {summary.errorCount > 0 ? (
            <Alert tone="error">
              {count(summary.errorCount, "ligne en erreur", "lignes en erreur")} : corrigez le fichier puis vérifiez à nouveau. Rien ne sera
              importé tant qu&apos;il reste une erreur.
            </Alert>
          ) : (
            <Alert tone="info">Aucune erreur : « Importer » enregistrera exactement ce qui est décrit ci-dessous.</Alert>
          )}
          <table className="my-3 w-full max-w-3xl text-left text-sm">
            <caption className="sr-only">Nombre de lignes par fichier et par action</caption>
            <thead>
              <tr>
                <th scope="col" className="px-1 py-1 align-bottom text-xs sm:px-1.5 sm:text-sm">
                  Fichier
                </th>
                {Object.values(ACTION_WORDS).map((w) => (
                  <th scope="col" key={w} className="px-1 py-1 text-right align-bottom text-xs sm:px-1.5 sm:text-sm">
                    {w}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {summary.files.map((f) => (
                <tr key={f.kind}>
                  <th scope="row" className="px-1 py-1 sm:px-1.5">
                    {FILE_LABELS[f.kind]}{" "}
                    <span className="font-normal text-gray-700">
                      ({f.encoding}, « {f.delimiter} »)
                    </span>
                  </th>
                  {(["CREATE", "UPDATE", "UNCHANGED", "ERROR"] as const).map((a) => (
                    <td key={a} className="px-1 py-1 text-right tabular-nums sm:px-1.5">
                      {summary.counts[f.kind][a]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {summary.hiddenLines > 0 ? (
            <p className="text-sm text-gray-700">
              {summary.hiddenLines === 1
                ? "1 ligne de plus n'est pas affichée"
                : `${summary.hiddenLines.toLocaleString("fr-FR")} lignes de plus ne sont pas affichées`}{" "}
              : les erreurs viennent en premier.
            </p>
          ) : null}
          <DataTable
            caption="Lignes créées, mises à jour ou en erreur"
            filterLabel="Filtrer les lignes"
            emptyTitle="Aucune ligne à créer ni à modifier"
            columns={[
              { key: "file", header: "Fichier", sortable: true },
              { key: "line", header: "Ligne", sortable: true, rowHeader: true, phoneLabel: true },
              { key: "label", header: "Élément", className: "break-words" },
              { key: "action", header: "Action", sortable: true },
              { key: "detail", header: "Détail", className: "break-words" },
            ]}
            rows={rows}
          />
        </Card>
      ) : null}
    </div>
  );
}
