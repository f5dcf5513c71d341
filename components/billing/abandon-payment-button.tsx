"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/action-result";

/** « Marquer abandonné » for an online payment stuck « en cours de confirmation », asked once more in a dialog. */
export function AbandonPaymentButton({
  paymentId,
  label,
  since,
  abandon,
}: {
  paymentId: string;
  /** « Paiement de 12,00 €, Famille Durand ». */
  label: string;
  /** « depuis 3 h ». */
  since: string;
  abandon: (input: { paymentId: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  return (
    <ConfirmDialog
      triggerLabel="Marquer abandonné"
      triggerAriaLabel={`Marquer abandonné : ${label}`}
      triggerSize="sm"
      title="Marquer ce paiement abandonné ?"
      description={`${label}, en cours de confirmation ${since}. La page de paiement Stripe est fermée : la famille ne peut plus payer par elle, et le paiement devient « Paiement non abouti ». Si Stripe le confirme malgré tout, il sera enregistré et signalé « À vérifier ».`}
      confirmLabel="Marquer abandonné"
      action={() => abandon({ paymentId })}
      done={(data) => data.message}
      focusAfter={[`paiement-${paymentId}`, "titre-page"]}
    />
  );
}
