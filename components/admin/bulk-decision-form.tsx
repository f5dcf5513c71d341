"use client";
import { useEffect, useState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { count } from "@/lib/format";
import { BatchBar, useBatchForm } from "./use-batch-form";
import { Button } from "@/components/ui/button";

/**
 * Validate or refuse the ticked requests of a queue. The checkboxes live in the list (form="{formId}"), so that each
 * item keeps its own one-by-one controls; the batch's bar appears at the bottom of the window only while some are
 * ticked, and asks the refusal's reason only when « Refuser la sélection » is chosen.
 */
export function BulkDecisionForm(props: {
  formId: string;
  /** What is ticked (« demandes », « documents »), and the accepting button's word. */
  noun?: string;
  acceptLabel?: string;
  action: (input: { decision: "validate" | "refuse"; ids: string[]; reason?: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  const { formRef, onSubmit, pending, alert, reasonField, selected, clear, reasonId } = useBatchForm(
    (data, submitter) => {
      const ids = data.getAll("ids").map(String);
      return submitter?.value === "refuse"
        ? { decision: "refuse" as const, ids, reason: String(data.get("reason") ?? "") }
        : { decision: "validate" as const, ids };
    },
    props.action,
    "ids",
  );
  const [refusing, setRefusing] = useState(false);
  const noun = props.noun ?? "demandes";
  const shown = selected > 0;
  // eslint-disable-next-line react-hooks/set-state-in-effect -- nothing ticked any more: the refusal's step is closed too
  useEffect(() => (shown ? undefined : setRefusing(false)), [shown]);
  useEffect(() => {
    if (refusing) document.getElementById(reasonId)?.focus();
  }, [refusing, reasonId]);
  return (
    <form id={props.formId} ref={formRef} noValidate aria-label="Traitement par lot" onSubmit={onSubmit}>
      <p className="mb-3 text-sm text-gray-800">
        Cochez des {noun} dans la liste pour les {props.acceptLabel ? "accepter" : "valider"} ou les refuser ensemble : les boutons
        apparaissent en bas de l&apos;écran.
      </p>
      <p role="status" className="sr-only">
        {shown ? `Sélection : ${count(selected, noun.replace(/s$/, ""), noun)}.` : ""}
      </p>
      <BatchBar shown={shown}>
        <h2 className="font-bold">Sélection : {count(selected, noun.replace(/s$/, ""), noun)}</h2>
        {alert}
        {refusing ? reasonField("Motif du refus (envoyé à chaque famille)") : null}
        <div className="flex flex-wrap gap-2">
          {refusing ? (
            <>
              <Button type="submit" name="decision" value="refuse" variant="danger" pending={pending}>
                Confirmer le refus
              </Button>
              <Button type="button" variant="secondary" disabled={pending} onClick={() => setRefusing(false)}>
                Annuler
              </Button>
            </>
          ) : (
            <>
              <Button type="submit" name="decision" value="validate" variant="primary" pending={pending}>
                {props.acceptLabel ?? "Valider la sélection"}
              </Button>
              <Button type="button" variant="danger" disabled={pending} onClick={() => setRefusing(true)}>
                Refuser la sélection
              </Button>
              <Button type="button" variant="quiet" disabled={pending} onClick={clear}>
                Tout décocher
              </Button>
            </>
          )}
        </div>
      </BatchBar>
    </form>
  );
}

export function SelectBox({ formId, id, label }: { formId: string; id: string; label: string }) {
  return (
    <label className="flex min-h-11 items-center gap-2 text-sm font-semibold">
      <input type="checkbox" id={`choix-${id}`} name="ids" value={id} form={formId} className="h-5 w-5" />
      Sélectionner<span className="sr-only"> : {label}</span>
    </label>
  );
}
