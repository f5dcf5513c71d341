"use client";
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { FormAlert } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

/**
 * Validate or refuse the ticked requests of a queue. The checkboxes live in the
 * list (form="{formId}"), so that each item keeps its own one-by-one controls.
 */
export function BulkDecisionForm(props: {
  formId: string;
  action: (input: { decision: "validate" | "refuse"; ids: string[]; reason?: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  const router = useRouter();
  const toast = useToast();
  const reasonId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <form
      id={props.formId}
      ref={formRef}
      noValidate
      className="card mb-4"
      aria-label="Traitement par lot"
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        const data = new FormData(event.currentTarget);
        const decision = submitter?.value === "refuse" ? "refuse" : "validate";
        const ids = data.getAll("ids").map(String);
        const reason = String(data.get("reason") ?? "");
        setMessage(null);
        setReasonError(null);
        startTransition(async () => {
          const result = await props.action(decision === "refuse" ? { decision, ids, reason } : { decision, ids });
          if (result.ok) {
            // Said by a toast: when the list empties, the refreshed page no longer shows this form.
            toast(result.data.message);
            formRef.current?.reset();
            router.refresh();
          } else {
            setMessage({ tone: "error", text: result.fieldErrors?.ids ?? result.error });
            setReasonError(result.fieldErrors?.reason ?? null);
          }
        });
      }}
    >
      <h2 className="mb-2 text-lg font-bold">Traitement par lot</h2>
      <p className="mb-2 text-sm">Cochez les demandes dans la liste, puis validez-les ou refusez-les ensemble.</p>
      <FormAlert message={message?.text} tone={message?.tone} />
      <div className="field">
        <label htmlFor={reasonId} className="field-label">Motif du refus (pour un refus par lot)</label>
        <textarea id={reasonId} name="reason" rows={2} maxLength={500} className="input" aria-invalid={Boolean(reasonError)}
          aria-describedby={reasonError ? `${reasonId}-erreur` : undefined} />
        {reasonError ? <p id={`${reasonId}-erreur`} className="field-error">{reasonError}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="decision" value="validate" className="btn btn-primary" disabled={pending}>Valider la sélection</button>
        <button type="submit" name="decision" value="refuse" className="btn btn-danger" disabled={pending}>Refuser la sélection</button>
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
