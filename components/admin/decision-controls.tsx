"use client";
import { useRef, useTransition } from "react";
import { Check } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useActionDone } from "@/components/ui/use-action-done";
import type { ActionResult } from "@/lib/action-result";
import { nextPendingRow, queueBoxes } from "./next-row";

/** After a decision the item leaves the list: the focus goes to the next pending row, else the list's heading (or the page's). */
const AFTER_DECISION = ["file-attente", "titre-page"];

/** « Valider » / « Refuser » (a dialog asks the reason) for one request of a staff queue. */
export function DecisionControls(props: {
  id: string;
  subject: string;
  /** Absent: only the refusal-like action (e.g. « Annuler l'inscription »), which needs a reason. */
  accept?: (input: { id: string; reason?: string }) => Promise<ActionResult<null>>;
  /** The acceptance must say why (e.g. a waiting request validated before an earlier rank): a dialog asks it. */
  acceptNeedsReason?: { description: string; reasonLabel: string };
  refuse: (input: { id: string; reason: string }) => Promise<ActionResult<null>>;
  /** Sent with the decision (e.g. the family an account belongs to). */
  hidden?: Record<string, string>;
  acceptLabel?: string;
  refuseLabel?: string;
  reasonLabel?: string;
  /** What the toast says once done (« Demande validée », « Inscription annulée »). */
  acceptedMessage?: string;
  refusedMessage?: string;
}) {
  const refuseLabel = props.refuseLabel ?? "Refuser";
  const acceptLabel = props.acceptLabel ?? "Valider";
  const toast = useToast();
  const done = useActionDone();
  const [pending, startTransition] = useTransition();
  const root = useRef<HTMLDivElement>(null);
  // Read before the refreshed page drops the decided row.
  const afterDecision = () => [...nextPendingRow(queueBoxes(root.current), [props.id]), ...AFTER_DECISION];
  return (
    <div ref={root} className="mt-3 flex flex-wrap gap-2">
      {props.accept && props.acceptNeedsReason ? (
        <ConfirmDialog
          triggerLabel={acceptLabel}
          triggerVariant="primary"
          triggerAriaLabel={`${acceptLabel} : ${props.subject}`}
          title={`${acceptLabel} : ${props.subject}`}
          description={props.acceptNeedsReason.description}
          reasonLabel={props.acceptNeedsReason.reasonLabel}
          confirmLabel="Confirmer la validation"
          confirmVariant="primary"
          action={({ reason }) => props.accept!({ ...props.hidden, id: props.id, reason: reason ?? "" })}
          done={`${props.acceptedMessage ?? "Demande validée"} : ${props.subject}.`}
          focusAfter={afterDecision}
        />
      ) : props.accept ? (
        <Button
          variant="primary"
          pending={pending}
          aria-label={`${acceptLabel} : ${props.subject}`}
          onClick={() => {
            const next = afterDecision();
            startTransition(async () => {
              const result = await props.accept!({ ...props.hidden, id: props.id });
              if (result.ok) done(`${props.acceptedMessage ?? "Demande validée"} : ${props.subject}.`, next);
              else toast(result.error, "error");
            });
          }}
        >
          <Check aria-hidden="true" className="size-4" /> {acceptLabel}
        </Button>
      ) : null}
      <ConfirmDialog
        triggerLabel={refuseLabel}
        triggerAriaLabel={`${refuseLabel} : ${props.subject}`}
        title={`${refuseLabel} : ${props.subject}`}
        description="La famille reçoit un e-mail avec ce motif ; elle le voit aussi dans son tableau de bord."
        reasonLabel={props.reasonLabel ?? "Motif du refus"}
        confirmLabel={props.accept ? "Confirmer le refus" : `Confirmer : ${refuseLabel.toLowerCase()}`}
        action={({ reason }) => props.refuse({ ...props.hidden, id: props.id, reason: reason ?? "" })}
        done={`${props.refusedMessage ?? "Demande refusée"} : ${props.subject}.`}
        focusAfter={afterDecision}
      />
    </div>
  );
}
