"use client";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/action-result";
import { useBatchForm } from "./use-batch-form";
import { cardClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

type Decision = "EXCUSED" | "BILLED";
type Decide = (input: { decisions: { id: string; decision: Decision }[]; reason: string }) => Promise<ActionResult<{ message: string }>>;

/**
 * The ticked DAs, each with its own decision (the one the deadline proposes is preselected), decided together
 * with one reason: each family gets one e-mail (« 2 annulations excusées les : … — 1 annulation facturée le : … »).
 * The choices live in the list's rows (form="{formId}").
 */
export function CancellationBatchForm({ formId, decide }: { formId: string; decide: Decide }) {
  const { formRef, onSubmit, pending, alert, reasonField } = useBatchForm(
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
    <form
      id={formId}
      ref={formRef}
      noValidate
      className={cn(cardClass, "mb-4")}
      aria-label="Décider les annulations cochées"
      onSubmit={onSubmit}
    >
      <h2 className="mb-2 text-lg font-bold">Décider les annulations cochées</h2>
      <p className="mb-2 text-sm">
        Cochez les demandes d&apos;annulation, choisissez pour chacune excusée ou facturée (le délai d&apos;annulation propose la décision),
        puis confirmez avec un motif.
      </p>
      {alert}
      {reasonField("Motif (envoyé à la famille)")}
      <Button type="submit" variant="primary" pending={pending}>
        Décider les annulations cochées
      </Button>
    </form>
  );
}

/** A DA's row: ticked or not, and its decision. */
export function CancellationChoice({ formId, id, label, proposed }: { formId: string; id: string; label: string; proposed: Decision }) {
  return (
    <fieldset className="flex flex-col gap-1 text-sm">
      <legend className="sr-only">Décision : {label}</legend>
      <label className="flex min-h-11 items-center gap-2 font-semibold">
        <input type="checkbox" name="ids" value={id} form={formId} className="h-5 w-5" />
        Sélectionner<span className="sr-only"> : {label}</span>
      </label>
      {(["EXCUSED", "BILLED"] as const).map((d) => (
        <label key={d} className="flex min-h-8 items-center gap-2">
          <input type="radio" name={`decision-${id}`} value={d} form={formId} defaultChecked={d === proposed} className="h-4 w-4" />
          {d === "EXCUSED" ? "Excusée" : "Facturée"}
          {d === proposed ? " (proposée)" : ""}
        </label>
      ))}
    </fieldset>
  );
}
