"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";

export function WithdrawButton({ id, label, withdraw }: { id: string; label: string; withdraw: (input: { id: string }) => Promise<ActionResult<null>> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!confirming) {
    return (
      <button type="button" className="btn btn-secondary" onClick={() => setConfirming(true)} aria-label={`Retirer ma demande : ${label}`}>
        Retirer ma demande
      </button>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span>Retirer cette demande ?</span>
      <button
        type="button"
        className="btn btn-danger"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await withdraw({ id });
            if (result.ok) router.refresh();
            else setError(result.error);
          })
        }
      >
        Oui, retirer
      </button>
      <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)}>Non</button>
      {error ? <p role="alert" className="field-error">{error}</p> : null}
    </div>
  );
}
