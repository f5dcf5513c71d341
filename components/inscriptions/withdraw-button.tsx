"use client";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { focusAfterChange } from "@/components/ui/focus";
import type { ActionResult } from "@/lib/action-result";

export function WithdrawButton({
  id,
  label,
  withdraw,
}: {
  id: string;
  label: string;
  withdraw: (input: { id: string }) => Promise<ActionResult<null>>;
}) {
  const router = useRouter();
  const toast = useToast();
  return (
    <ConfirmDialog
      triggerLabel="Retirer ma demande"
      triggerAriaLabel={`Retirer ma demande : ${label}`}
      title="Retirer cette demande ?"
      description={<>Votre demande « {label} » ne sera plus traitée par la structure. Vous pourrez en faire une nouvelle.</>}
      confirmLabel="Oui, retirer"
      action={() => withdraw({ id })}
      onDone={() => {
        toast(`Demande retirée : ${label}.`);
        router.refresh();
        focusAfterChange("titre-page");
      }}
    />
  );
}
