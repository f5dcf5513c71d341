"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/field";
import { useActionDone } from "@/components/ui/use-action-done";
import { callAction } from "@/components/form/call-action";
import type { ActionResult } from "@/lib/action-result";

/** « Envoyer les invitations » (families never invited) and « Renvoyer aux familles non activées ». */
export function InviteButtons({
  invite,
}: {
  invite: (input: { resend: boolean }) => Promise<ActionResult<{ sent: number; message: string }>>;
}) {
  const done = useActionDone();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [which, setWhich] = useState<boolean | null>(null);
  const send = (resend: boolean) => {
    setError(null);
    setWhich(resend);
    startTransition(async () => {
      const result = await callAction(() => invite({ resend }));
      if (result.ok) done(result.data.message);
      else setError(result.error);
    });
  };
  return (
    <div>
      <FormAlert message={error} />
      <div className="flex flex-wrap gap-2">
        <Button type="button" pending={pending && which === false} pendingLabel="Envoi en cours…" onClick={() => send(false)}>
          Envoyer les invitations
        </Button>
        <Button
          type="button"
          variant="secondary"
          pending={pending && which === true}
          pendingLabel="Envoi en cours…"
          onClick={() => send(true)}
        >
          Renvoyer aux familles non activées
        </Button>
      </div>
    </div>
  );
}
