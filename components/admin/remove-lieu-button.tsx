"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/action-result";

/** « Retirer » a lieu from a STAFF account, asked once more: the last one taken, the account sees every lieu (ADR 029). */
export function RemoveLieuButton(props: {
  userId: string;
  userName: string;
  structureId: string;
  structureName: string;
  last: boolean;
  action: (input: { userId: string; structureId: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  return (
    <ConfirmDialog
      triggerLabel="Retirer"
      triggerAriaLabel={`Retirer le lieu ${props.structureName} à ${props.userName}`}
      triggerSize="sm"
      title={`Retirer « ${props.structureName} » à ${props.userName} ?`}
      description={
        props.last
          ? "C'est son dernier lieu : sans lieu, un agent voit et décide pour tous les lieux d'accueil."
          : "Les inscriptions, réservations, pointages, factures, documents et messages de ce lieu ne lui seront plus montrés."
      }
      confirmLabel="Retirer le lieu"
      action={() => props.action({ userId: props.userId, structureId: props.structureId })}
      done={(data) => data.message}
    />
  );
}
