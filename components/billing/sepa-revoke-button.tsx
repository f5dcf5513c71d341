"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/action-result";

/** « Révoquer le mandat », asked once more in a dialog (a parent in Mes factures, or staff on the family's page). */
export function SepaRevokeButton({
  mandateId,
  rum,
  revoke,
}: {
  mandateId: string;
  rum: string;
  revoke: (input: { mandateId: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  return (
    <ConfirmDialog
      triggerLabel="Révoquer le mandat"
      triggerAriaLabel={`Révoquer le mandat ${rum}`}
      title={`Révoquer le mandat ${rum} ?`}
      description="Plus aucune facture ne sera prélevée sous ce mandat : il faudra les payer en ligne ou à l'accueil. Un prélèvement déjà annoncé par e-mail reste envoyé à la banque. Pour changer de compte, révoquez ce mandat puis signez-en un nouveau."
      confirmLabel="Révoquer le mandat"
      confirmVariant="danger"
      action={() => revoke({ mandateId })}
      done={(data) => data.message}
      focusAfter={["prelevement", "titre-page"]}
    />
  );
}
