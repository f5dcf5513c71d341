"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";

/** « Supprimer » with a confirmation; the server refuses what would break inscriptions or reservations. */
export function DeleteButton({ id, label, remove }: { id: string; label: string; remove: (input: { id: string }) => Promise<ActionResult<null>> }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {confirming ? (
        <>
          <button type="button" className="btn btn-danger min-h-9 py-1" disabled={pending} onClick={() => startTransition(async () => {
            const result = await remove({ id });
            if (result.ok) router.refresh();
            else { setError(result.error); setConfirming(false); }
          })}>
            Confirmer la suppression
          </button>
          <button type="button" className="btn btn-secondary min-h-9 py-1" onClick={() => setConfirming(false)}>Annuler</button>
        </>
      ) : (
        <button type="button" className="btn btn-secondary min-h-9 py-1" onClick={() => { setError(null); setConfirming(true); }} aria-label={`Supprimer ${label}`}>
          Supprimer
        </button>
      )}
      {error ? <span role="alert" className="field-error">{error}</span> : null}
    </span>
  );
}
