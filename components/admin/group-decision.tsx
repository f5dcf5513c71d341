"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { Check } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { focusAfterChange } from "@/components/ui/focus";
import type { ActionResult } from "@/lib/action-result";

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
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const n = ids.length;
  const done = (message: string) => {
    toast(message);
    router.refresh();
    focusAfterChange("file-attente", "titre-page");
  };
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="primary"
        pending={pending}
        aria-label={`Valider les ${n} demandes : ${subject}`}
        onClick={() =>
          startTransition(async () => {
            const result = await decide({ decision: "validate", ids });
            if (result.ok) done(result.data.message);
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
        onDone={(result) => done((result.data as { message: string }).message)}
      />
    </div>
  );
}
