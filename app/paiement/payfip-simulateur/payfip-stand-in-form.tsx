"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

type Outcome = "P" | "R" | "A";

/** The stand-in's three answers, as the treasury's page would give them: paid, refused by the bank, abandoned. */
export function PayfipStandInForm(props: {
  idOp: string;
  decide: (input: { idOp: string; outcome: Outcome }) => Promise<ActionResult<{ next: string }>>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const send = (outcome: Outcome) =>
    startTransition(async () => {
      setError(null);
      const result = await props.decide({ idOp: props.idOp, outcome });
      if (result.ok) window.location.assign(result.data.next);
      else setError(result.error);
    });
  return (
    <form
      noValidate
      aria-label="Paiement PayFiP (démonstration)"
      onSubmit={(e) => {
        e.preventDefault();
        send("P");
      }}
      className="flex flex-col gap-3"
    >
      <FormAlert message={error ?? undefined} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" pending={pending}>
          Payer
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => send("R")}>
          Refuser
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => send("A")}>
          Abandonner
        </Button>
      </div>
      <p className="text-sm text-gray-700">
        « Refuser » joue un refus de la banque ; « Abandonner », un parent qui quitte la page sans payer.
      </p>
    </form>
  );
}
