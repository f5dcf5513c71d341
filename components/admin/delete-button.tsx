"use client";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/action-result";

/** « Supprimer » with a confirmation dialog; the server refuses what would break inscriptions or reservations. */
export function DeleteButton({
  id,
  label,
  remove,
}: {
  id: string;
  label: string;
  remove: (input: { id: string }) => Promise<ActionResult<null>>;
}) {
  return (
    <ConfirmDialog
      triggerLabel="Supprimer"
      triggerAriaLabel={`Supprimer ${label}`}
      triggerSize="sm"
      title={`Supprimer ${label} ?`}
      description="La suppression est définitive."
      confirmLabel="Confirmer la suppression"
      action={() => remove({ id })}
      done={`Suppression faite : ${label}.`}
    />
  );
}
