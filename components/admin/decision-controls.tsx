"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { FormAlert } from "@/components/form/field";
import type { ActionResult } from "@/lib/action-result";

/** « Valider » / « Refuser » (with the reason) for one request of a staff queue. */
export function DecisionControls(props: {
  id: string;
  subject: string;
  /** Absent: only the refusal-like action (e.g. « Annuler l'inscription »), which needs a reason. */
  accept?: (input: { id: string }) => Promise<ActionResult<null>>;
  refuse: (input: { id: string; reason: string }) => Promise<ActionResult<null>>;
  /** Sent with the decision (e.g. the family an account belongs to). */
  hidden?: Record<string, string>;
  acceptLabel?: string;
  refuseLabel?: string;
  reasonLabel?: string;
}) {
  const refuseLabel = props.refuseLabel ?? "Refuser";
  const reasonLabel = props.reasonLabel ?? "Motif du refus";
  const router = useRouter();
  const reasonId = useId();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (call: () => Promise<ActionResult<null>>) => {
    setError(null);
    setReasonError(null);
    startTransition(async () => {
      const result = await call();
      if (result.ok) router.refresh();
      else {
        setError(result.error);
        setReasonError(result.fieldErrors?.reason ?? null);
      }
    });
  };

  return (
    <div className="mt-3">
      <FormAlert message={error} />
      {refusing ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            run(() => props.refuse({ ...props.hidden, id: props.id, reason }));
          }}
          className="flex flex-col gap-2"
        >
          <label htmlFor={reasonId} className="field-label">{reasonLabel} ({props.subject})</label>
          <textarea
            id={reasonId}
            className="input"
            rows={3}
            maxLength={500}
            value={reason}
            aria-invalid={Boolean(reasonError)}
            aria-describedby={reasonError ? `${reasonId}-erreur` : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          {reasonError ? <p id={`${reasonId}-erreur`} className="field-error">{reasonError}</p> : null}
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn btn-danger" disabled={pending}>{props.accept ? "Confirmer le refus" : `Confirmer : ${refuseLabel.toLowerCase()}`}</button>
            <button type="button" className="btn btn-secondary" onClick={() => setRefusing(false)} disabled={pending}>Annuler</button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-2">
          {props.accept ? (
            <button
              type="button"
              className="btn btn-primary"
              disabled={pending}
              aria-label={`${props.acceptLabel ?? "Valider"} : ${props.subject}`}
              onClick={() => run(() => props.accept!({ id: props.id }))}
            >
              {props.acceptLabel ?? "Valider"}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn-secondary"
            disabled={pending}
            aria-label={`${refuseLabel} : ${props.subject}`}
            onClick={() => setRefusing(true)}
          >
            {refuseLabel}
          </button>
        </div>
      )}
    </div>
  );
}
