"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/action-result";

/** RGPD: asked once more, with the reason (the action cannot be undone). */
export function AnonymiseButton(props: {
  familyId: string;
  familyName: string;
  action: (input: { id: string; reason: string }) => Promise<ActionResult<null>>;
}) {
  return (
    <ConfirmDialog
      triggerLabel="Anonymiser la famille"
      title={`Anonymiser la ${props.familyName.replace(/^Famille/, "famille")} ?`}
      confirmLabel="Anonymiser définitivement"
      description="Noms, coordonnées, données de santé, documents et messages sont supprimés et les comptes de connexion fermés. Les factures et les paiements sont conservés. Cette action est définitive."
      reasonLabel="Motif"
      reasonHint="Par exemple : famille partie de la commune en juin 2026."
      action={({ reason }) => props.action({ id: props.familyId, reason: reason ?? "" })}
      done="Famille anonymisée."
    />
  );
}
