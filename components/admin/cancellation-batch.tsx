"use client";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import { BatchBar, useBatchForm } from "./use-batch-form";
import { count } from "@/lib/format";

type Decision = "EXCUSED" | "BILLED";
type Decide = (input: { decisions: { id: string; decision: Decision }[]; reason: string }) => Promise<ActionResult<{ message: string }>>;

/**
 * The ticked DAs, each with its own decision (the one the deadline proposes is preselected), decided together
 * with one reason: each family gets one e-mail (« 2 annulations excusées les : … — 1 annulation facturée le : … »).
 * The choices live in the list's rows (form="{formId}").
 */
export function CancellationBatchForm({ formId, decide }: { formId: string; decide: Decide }) {
  const { formRef, onSubmit, pending, alert, reasonField, selected, clear } = useBatchForm(
    (data) => ({
      decisions: data
        .getAll("ids")
        .map(String)
        .map((id) => ({ id, decision: (data.get(`decision-${id}`) === "EXCUSED" ? "EXCUSED" : "BILLED") as Decision })),
      reason: String(data.get("reason") ?? ""),
    }),
    decide,
    "decisions",
  );
  return (
    <form id={formId} ref={formRef} noValidate aria-label="Décider les annulations cochées" onSubmit={onSubmit}>
      <p className="mb-3 text-sm text-gray-800">
        Cochez des demandes d&apos;annulation pour les décider ensemble (le délai d&apos;annulation propose la décision de chacune) : les
        boutons apparaissent en bas de l&apos;écran.
      </p>
      <p role="status" className="sr-only">
        {selected > 0 ? `Sélection : ${count(selected, "demande d'annulation", "demandes d'annulation")}.` : ""}
      </p>
      <BatchBar shown={selected > 0}>
        <h2 className="font-bold">Sélection : {count(selected, "demande d'annulation", "demandes d'annulation")}</h2>
        <p className="text-sm">Chacune avec sa décision (excusée ou facturée, choisie dans la liste), et un motif pour toutes.</p>
        {alert}
        {reasonField("Motif (envoyé à la famille)")}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="primary" pending={pending}>
            Décider les annulations cochées
          </Button>
          <Button type="button" variant="quiet" disabled={pending} onClick={clear}>
            Tout décocher
          </Button>
        </div>
      </BatchBar>
    </form>
  );
}

/** A DA's row: ticked or not, and its decision — each choice a 44 px target with its own full label. */
export function CancellationChoice({ formId, id, label, proposed }: { formId: string; id: string; label: string; proposed: Decision }) {
  return (
    <fieldset className="flex flex-col gap-1 text-sm">
      <legend className="sr-only">Décision : {label}</legend>
      <label className="flex min-h-11 items-center gap-2 font-semibold">
        <input type="checkbox" id={`choix-${id}`} name="ids" value={id} form={formId} className="h-5 w-5" />
        Sélectionner<span className="sr-only"> : {label}</span>
      </label>
      <div className="flex flex-wrap gap-2">
        {(["EXCUSED", "BILLED"] as const).map((d) => (
          <label
            key={d}
            className="flex min-h-11 min-w-11 cursor-pointer items-center gap-2 rounded border border-gray-400 px-3 has-[:checked]:border-brand has-[:checked]:bg-brand-soft has-[:checked]:font-semibold"
          >
            <input type="radio" name={`decision-${id}`} value={d} form={formId} defaultChecked={d === proposed} className="h-5 w-5" />
            {d === "EXCUSED" ? "Excusée" : "Facturée"}
            {d === proposed ? " (proposée)" : ""}
            <span className="sr-only"> : {label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
