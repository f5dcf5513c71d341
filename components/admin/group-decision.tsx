"use client";
import { useTransition } from "react";
import { Check } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { useActionDone } from "@/components/ui/use-action-done";
import type { ActionResult } from "@/lib/action-result";

/** After a decision the requests leave the list: the focus goes to the list's heading (or the page's). */
const AFTER_DECISION = ["file-attente", "titre-page"];

type Decide = (
  input: { decision: "validate"; ids: string[] } | { decision: "refuse"; ids: string[]; reason: string },
) => Promise<ActionResult<{ message: string }>>;

/**
 * Several requests decided in one go — a family's month, or every request the filters show — each family in one
 * transaction with one e-mail listing every date. `what` names them on the buttons (« le mois », « tout »).
 */
export function GroupDecision({
  ids,
  subject,
  decide,
  what = "le mois",
}: {
  ids: string[];
  subject: string;
  decide: Decide;
  what?: string;
}) {
  const toast = useToast();
  const actionDone = useActionDone();
  const [pending, startTransition] = useTransition();
  const n = ids.length;
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="primary"
        pending={pending}
        aria-label={`Valider les ${n} demandes : ${subject}`}
        onClick={() =>
          startTransition(async () => {
            const result = await decide({ decision: "validate", ids });
            if (result.ok) actionDone(result.data.message, AFTER_DECISION);
            else toast(result.error, "error");
          })
        }
      >
        <Check aria-hidden="true" className="size-4" /> Valider {what} ({n})
      </Button>
      <ConfirmDialog
        triggerLabel={`Refuser ${what} (${n})`}
        triggerAriaLabel={`Refuser les ${n} demandes : ${subject}`}
        title={`Refuser les ${n} demandes : ${subject}`}
        description="La famille reçoit un e-mail avec ce motif, listant chaque jour refusé ; elle le voit aussi dans son tableau de bord."
        reasonLabel="Motif du refus"
        confirmLabel="Confirmer le refus"
        action={({ reason }) => decide({ decision: "refuse", ids, reason: reason ?? "" })}
        done={(data) => data.message}
        focusAfter={AFTER_DECISION}
      />
    </div>
  );
}
