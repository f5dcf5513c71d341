"use client";
import type { ActionResult } from "@/lib/action-result";
import { useBatchForm } from "./use-batch-form";
import { cardClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { Button } from "@/components/ui/button";

/**
 * Validate or refuse the ticked requests of a queue. The checkboxes live in the
 * list (form="{formId}"), so that each item keeps its own one-by-one controls.
 */
export function BulkDecisionForm(props: {
  formId: string;
  /** What is ticked (« demandes », « documents »), and the accepting button's word. */
  noun?: string;
  acceptLabel?: string;
  action: (input: { decision: "validate" | "refuse"; ids: string[]; reason?: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  const { formRef, onSubmit, pending, alert, reasonField } = useBatchForm(
    (data, submitter) => {
      const ids = data.getAll("ids").map(String);
      return submitter?.value === "refuse"
        ? { decision: "refuse" as const, ids, reason: String(data.get("reason") ?? "") }
        : { decision: "validate" as const, ids };
    },
    props.action,
    "ids",
  );
  return (
    <form id={props.formId} ref={formRef} noValidate className={cn(cardClass, "mb-4")} aria-label="Traitement par lot" onSubmit={onSubmit}>
      <h2 className="mb-2 text-lg font-bold">Traitement par lot</h2>
      <p className="mb-2 text-sm">
        Cochez les {props.noun ?? "demandes"} dans la liste, puis {props.acceptLabel ? "acceptez-les" : "validez-les"} ou refusez-les
        ensemble.
      </p>
      {alert}
      {reasonField("Motif du refus (pour un refus par lot)")}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="validate" variant="primary" disabled={pending}>
          {props.acceptLabel ?? "Valider la sélection"}
        </Button>
        <Button type="submit" name="decision" value="refuse" variant="danger" disabled={pending}>
          Refuser la sélection
        </Button>
      </div>
    </form>
  );
}

export function SelectBox({ formId, id, label }: { formId: string; id: string; label: string }) {
  return (
    <label className="flex min-h-11 items-center gap-2 text-sm font-semibold">
      <input type="checkbox" name="ids" value={id} form={formId} className="h-5 w-5" />
      Sélectionner<span className="sr-only"> : {label}</span>
    </label>
  );
}
