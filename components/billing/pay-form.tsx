"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { formatCents } from "@/lib/format";
import { cardClass } from "@/components/ui/classes";

/** « Factures à payer »: tick the invoices, the « Total factures » follows, « Payer » opens the payment page. */
export function PayForm(props: {
  /** `debitOn`: the invoice is in a prélèvement on its way (ADR 053): « Prélèvement le … », no box to tick. */
  invoices: { id: string; number: string; dueCents: number; totalCents: number; dueDate: string | null; debitOn?: string | null }[];
  pay: (input: { invoiceIds: string[] }) => Promise<ActionResult<{ url: string }>>;
}) {
  const [ticked, setTicked] = useState<string[]>(props.invoices.filter((i) => !i.debitOn).map((i) => i.id));
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const total = props.invoices.filter((i) => ticked.includes(i.id)).reduce((sum, i) => sum + i.dueCents, 0);
  return (
    <form
      noValidate
      aria-label="Factures à payer"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await props.pay({ invoiceIds: ticked });
          if (result.ok) window.location.assign(result.data.url);
          else setError(result.fieldErrors?.invoiceIds ?? result.error);
        });
      }}
    >
      <FormAlert message={error ?? undefined} />
      <ul className="mb-3 flex flex-col gap-2">
        {props.invoices.map((i) => (
          <li key={i.id} className={cardClass}>
            <label className="flex min-h-11 items-start gap-3">
              {i.debitOn ? null : (
                <input
                  type="checkbox"
                  className="mt-1 size-5 shrink-0 accent-brand"
                  checked={ticked.includes(i.id)}
                  onChange={(e) => setTicked(e.target.checked ? [...ticked, i.id] : ticked.filter((id) => id !== i.id))}
                />
              )}
              <span className="flex flex-1 flex-wrap justify-between gap-x-4">
                <span className="font-semibold">Facture n° {i.number}</span>
                <span>
                  À payer : <strong>{formatCents(i.dueCents)}</strong>
                  {i.dueCents !== i.totalCents ? ` (total ${formatCents(i.totalCents)})` : ""}
                </span>
                {i.debitOn ? (
                  <span className="text-sm font-semibold text-gray-800">Prélèvement le {i.debitOn}</span>
                ) : i.dueDate ? (
                  <span className="text-sm text-gray-800">Payer avant le {i.dueDate}</span>
                ) : null}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-4">
        <p className="text-lg" aria-live="polite">
          Total factures : <strong>{formatCents(total)}</strong>
        </p>
        {/* The amount on the button itself: what the click will charge. */}
        <Button type="submit" variant="primary" pending={pending} disabled={ticked.length === 0}>
          {ticked.length === 0 ? "Payer" : `Payer ${formatCents(total)}`}
        </Button>
      </div>
    </form>
  );
}
