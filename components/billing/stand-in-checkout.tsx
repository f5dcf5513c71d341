"use client";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { fieldClass, labelClass } from "@/components/ui/classes";
import { Input } from "@/components/ui/input";

/**
 * The local stand-in for Stripe Checkout (no key set): any card number is accepted; « Payer » and
 * « Abandonner » make the app post the event Stripe would send to its own webhook.
 */
export function StandInCheckout(props: {
  paymentId: string;
  decide: (input: { paymentId: string; outcome: "PAID" | "ABANDONED" }) => Promise<ActionResult<{ next: string }>>;
}) {
  const cardId = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const send = (outcome: "PAID" | "ABANDONED") =>
    startTransition(async () => {
      setError(null);
      const result = await props.decide({ paymentId: props.paymentId, outcome });
      if (result.ok) window.location.assign(result.data.next);
      else setError(result.error);
    });
  return (
    <form
      noValidate
      aria-label="Paiement par carte (démonstration)"
      onSubmit={(e) => {
        e.preventDefault();
        send("PAID");
      }}
      className="flex flex-col gap-3"
    >
      <FormAlert message={error ?? undefined} />
      <div className={fieldClass}>
        <label htmlFor={cardId} className={labelClass}>
          Numéro de carte
        </label>
        <Input
          id={cardId}
          inputMode="numeric"
          autoComplete="off"
          className="max-w-xs font-mono"
          defaultValue="4242 4242 4242 4242"
          aria-describedby={`${cardId}-aide`}
        />
        <p id={`${cardId}-aide`} className="text-sm text-gray-700">
          Paiement de démonstration : tout numéro de carte est accepté, aucun argent ne circule.
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" pending={pending}>
          Payer
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => send("ABANDONED")}>
          Abandonner
        </Button>
      </div>
    </form>
  );
}
