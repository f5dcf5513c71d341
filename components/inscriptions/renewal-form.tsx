"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { ClientForm } from "@/components/ui/client-form";
import { Alert } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { focusAfterChange } from "@/components/ui/focus";

export interface RenewalFormLine {
  previousInscriptionId: string;
  title: string;
  detail: string;
  groupChange: string | null;
  eligible: boolean;
  reason: string | null;
}

/**
 * « Réinscrire »: one box per child and activity, ticked by default when it can be sent; a line that cannot is shown
 * unticked and disabled with its reason. Everything ticked is sent at once (all or nothing, ADR 052).
 */
export function RenewalForm(props: {
  lines: RenewalFormLine[];
  action: (input: { previousInscriptionIds: string[] }) => Promise<ActionResult<{ message: string; lines: string[] }>>;
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ ok: true; message: string; lines: string[] } | { ok: false; error: string } | null>(null);
  const open = props.lines.filter((l) => l.eligible).length;
  return (
    <>
      <div id="resultat-reinscription" tabIndex={-1} className="focus:outline-none">
        {result?.ok ? (
          <Alert tone="success" className="mb-4">
            <p className="font-semibold">{result.message}</p>
            <ul className="mt-1 list-disc pl-5">
              {result.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </Alert>
        ) : result ? (
          <Alert tone="error" className="mb-4">
            {result.error}
          </Alert>
        ) : null}
      </div>
      <ClientForm
        noValidate
        aria-labelledby="reinscrire-titre"
        onSubmit={(e) => {
          e.preventDefault();
          const ids = new FormData(e.currentTarget).getAll("previousInscriptionIds").map(String);
          startTransition(async () => {
            const answer = await props.action({ previousInscriptionIds: ids });
            setResult(answer.ok ? { ok: true, ...answer.data } : { ok: false, error: answer.error });
            focusAfterChange("resultat-reinscription");
          });
        }}
      >
        <fieldset className="mb-4">
          <legend id="reinscrire-titre" className="mb-2 font-semibold text-gray-900">
            Enfants à réinscrire
          </legend>
          <ul className="flex flex-col divide-y divide-gray-200 rounded-md border border-gray-300">
            {props.lines.map((line) => (
              <li key={line.previousInscriptionId}>
                <label
                  className={`flex min-h-11 items-start gap-3 px-3 py-2 ${line.eligible ? "cursor-pointer" : "cursor-not-allowed text-gray-700"}`}
                >
                  <input
                    type="checkbox"
                    name="previousInscriptionIds"
                    value={line.previousInscriptionId}
                    defaultChecked={line.eligible}
                    disabled={!line.eligible}
                    className="mt-0.5 size-6 shrink-0 accent-brand"
                  />
                  <span>
                    <span className="block font-semibold">{line.title}</span>
                    <span className="block text-sm">{line.detail}</span>
                    {line.groupChange ? (
                      <span className="mt-1 block text-sm font-semibold text-amber-900">Changement de groupe : {line.groupChange}.</span>
                    ) : null}
                    {line.reason ? <span className="mt-1 block text-sm">{line.reason}</span> : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        {open > 0 ? (
          <Button type="submit" pending={pending} pendingLabel="Envoi en cours…">
            Envoyer mes demandes de réinscription
          </Button>
        ) : null}
      </ClientForm>
    </>
  );
}
