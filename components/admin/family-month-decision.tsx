"use client";
import { useTransition } from "react";
import { useRouter } from "next/navigation";
import { Check } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { focusAfterChange } from "@/components/ui/focus";
import type { ActionResult } from "@/lib/action-result";

type Decide = (input: { decision: "validate"; ids: string[] } | { decision: "refuse"; ids: string[]; reason: string }) => Promise<ActionResult<{ message: string }>>;

/** A family's requests of one month, decided in one go (one transaction and one e-mail listing every date). */
export function FamilyMonthDecision({ ids, subject, decide }: { ids: string[]; subject: string; decide: Decide }) {
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
      <Button variant="primary" pending={pending} aria-label={`Valider les ${n} demandes : ${subject}`}
        onClick={() => startTransition(async () => {
          const result = await decide({ decision: "validate", ids });
          if (result.ok) done(result.data.message);
          else toast(result.error, "error");
        })}>
        <Check aria-hidden="true" className="size-4" /> Valider le mois ({n})
      </Button>
      <ConfirmDialog
        triggerLabel={`Refuser le mois (${n})`}
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
