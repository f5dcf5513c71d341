"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/action-result";

export function WithdrawButton({
  id,
  label,
  withdraw,
  description,
}: {
  id: string;
  label: string;
  withdraw: (input: { id: string }) => Promise<ActionResult<null>>;
  /** What withdrawing means here; by default, a request sent to the structure. */
  description?: string;
}) {
  return (
    <ConfirmDialog
      triggerLabel="Retirer ma demande"
      triggerAriaLabel={`Retirer ma demande : ${label}`}
      title="Retirer cette demande ?"
      description={description ?? <>Votre demande « {label} » ne sera plus traitée par la structure. Vous pourrez en faire une nouvelle.</>}
      confirmLabel="Oui, retirer"
      action={() => withdraw({ id })}
      done={`Demande retirée : ${label}.`}
    />
  );
}
