"use client";
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

type Decision = "EXCUSED" | "BILLED";
type Decide = (input: { decisions: { id: string; decision: Decision }[]; reason: string }) => Promise<ActionResult<{ message: string }>>;

/**
 * The ticked DAs, each with its own decision (the one the deadline proposes is preselected), decided together
 * with one reason: each family gets one e-mail (« 2 annulations excusées les : … — 1 annulation facturée le : … »).
 * The choices live in the list's rows (form="{formId}").
 */
export function CancellationBatchForm({ formId, decide }: { formId: string; decide: Decide }) {
  const router = useRouter();
  const toast = useToast();
  const reasonId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form id={formId} ref={formRef} noValidate className="card mb-4" aria-label="Décider les annulations cochées"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const decisions = data.getAll("ids").map(String).map((id) => ({ id, decision: (data.get(`decision-${id}`) === "EXCUSED" ? "EXCUSED" : "BILLED") as Decision }));
        const reason = String(data.get("reason") ?? "");
        setMessage(null);
        setReasonError(null);
        startTransition(async () => {
          const result = await decide({ decisions, reason });
          if (result.ok) {
            // Said by a toast: when the list empties, the refreshed page no longer shows this form.
            toast(result.data.message);
            formRef.current?.reset();
            router.refresh();
          } else {
            setMessage({ tone: "error", text: result.fieldErrors?.decisions ?? result.error });
            setReasonError(result.fieldErrors?.reason ?? null);
          }
        });
      }}>
      <h2 className="mb-2 text-lg font-bold">Décider les annulations cochées</h2>
      <p className="mb-2 text-sm">Cochez les demandes d&apos;annulation, choisissez pour chacune excusée ou facturée (le délai d&apos;annulation propose la décision), puis confirmez avec un motif.</p>
      <FormAlert message={message?.text} tone={message?.tone} />
      <div className="field">
        <label htmlFor={reasonId} className="field-label">Motif (envoyé à la famille)</label>
        <textarea id={reasonId} name="reason" rows={2} maxLength={500} className="input" aria-invalid={Boolean(reasonError)}
          aria-describedby={reasonError ? `${reasonId}-erreur` : undefined} />
        {reasonError ? <p id={`${reasonId}-erreur`} className="field-error">{reasonError}</p> : null}
      </div>
      <Button type="submit" variant="primary" pending={pending}>Décider les annulations cochées</Button>
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
          {d === "EXCUSED" ? "Excusée" : "Facturée"}{d === proposed ? " (proposée)" : ""}
        </label>
      ))}
    </fieldset>
  );
}
