"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ClientForm } from "@/components/ui/client-form";
import { Button } from "@/components/ui/button";
import { FormAlert, SubmitButton, inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { frenchDateToIso } from "@/lib/forms/french-dates";
import { isoToFrench } from "@/lib/format";
import { CUSTODY_KIND_LABELS, CUSTODY_WEEKDAYS, type CustodyKindChoice } from "@/lib/families/custody-words";

export interface CustodyFoyer {
  id: string;
  name: string;
  order: "Premier foyer" | "Second foyer";
}

export interface CustodyPlanValues {
  childId: string;
  kind: CustodyKindChoice;
  evenWeeksFamilyId: string | null;
  weekdayFamilyIds: string[];
  defaultFamilyId: string;
  days: { day: string; familyId: string }[];
  firstFoyerSharePercent: number | null;
}

/**
 * « Calendrier de garde » (staff, garde alternée — ADR 051): the rule (alternate weeks, fixed weekdays or chosen dates),
 * the dates that override it (a holiday swapped), and the billing option (a fixed split of every line). Every field is
 * checked again by the server; its messages come back next to their fields.
 */
export function CustodyPlanForm(props: {
  familyId: string;
  foyers: [CustodyFoyer, CustodyFoyer];
  initial: CustodyPlanValues;
  action: (input: CustodyPlanValues & { familyId: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  const [first, second] = props.foyers;
  // Dates typed the French way (JJ/MM/AAAA), sent as "YYYY-MM-DD".
  const [plan, setPlan] = useState<CustodyPlanValues>({
    ...props.initial,
    days: props.initial.days.map((d) => ({ ...d, day: isoToFrench(d.day) })),
  });
  const [split, setSplit] = useState(props.initial.firstFoyerSharePercent !== null);
  const [share, setShare] = useState(String(props.initial.firstFoyerSharePercent ?? 50));
  const [result, setResult] = useState<{ tone: "success" | "error"; message: string } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const set = (change: Partial<CustodyPlanValues>) => setPlan((p) => ({ ...p, ...change }));
  const weekdays = plan.weekdayFamilyIds.length === 7 ? plan.weekdayFamilyIds : Array<string>(7).fill(first.id);
  const foyerLabel = (f: CustodyFoyer) => `${f.name} (${f.order.toLowerCase()})`;
  const otherOf = (id: string | null) => (id === first.id ? second : first);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setResult(null);
    setErrors({});
    const sharePercent = split ? Number(share.trim()) : null;
    startTransition(async () => {
      const sent = await props.action({
        ...plan,
        days: plan.days.map((d) => ({ ...d, day: frenchDateToIso(d.day) ?? d.day })),
        familyId: props.familyId,
        weekdayFamilyIds: plan.kind === "WEEKDAYS" ? weekdays : [],
        evenWeeksFamilyId: plan.kind === "ALTERNATE_WEEKS" ? (plan.evenWeeksFamilyId ?? first.id) : null,
        firstFoyerSharePercent: sharePercent !== null && Number.isNaN(sharePercent) ? -1 : sharePercent,
      });
      if (sent.ok) {
        setResult({ tone: "success", message: sent.data.message });
        router.refresh();
      } else {
        setResult({ tone: "error", message: sent.error });
        setErrors(sent.fieldErrors ?? {});
      }
    });
  };

  const errorOf = (name: string) =>
    errors[name] ? (
      <p id={`${name}-erreur`} className="text-sm font-semibold text-red-800">
        {errors[name]}
      </p>
    ) : null;

  const foyerSelect = (id: string, label: string, value: string, onChange: (v: string) => void, error?: string) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold text-gray-900">
        {label}
      </label>
      <select
        id={id}
        className={inputClass}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${error}-erreur` : undefined}
      >
        {props.foyers.map((f) => (
          <option key={f.id} value={f.id}>
            {foyerLabel(f)}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <ClientForm onSubmit={submit} noValidate className="flex flex-col gap-5">
      {result ? <FormAlert tone={result.tone} message={result.message} /> : null}

      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 font-semibold text-gray-900">Type de calendrier</legend>
        {(Object.keys(CUSTODY_KIND_LABELS) as CustodyKindChoice[]).map((kind) => (
          <label key={kind} className="flex min-h-11 items-start gap-2 py-2">
            <input
              type="radio"
              name="kind"
              value={kind}
              className="mt-0.5 size-5 shrink-0 accent-brand"
              checked={plan.kind === kind}
              onChange={() => set({ kind })}
            />
            {CUSTODY_KIND_LABELS[kind]}
          </label>
        ))}
        {errorOf("kind")}
      </fieldset>

      {plan.kind === "ALTERNATE_WEEKS" ? (
        <div className="flex flex-col gap-2">
          {foyerSelect(
            "custody-even",
            "Semaines paires chez",
            plan.evenWeeksFamilyId ?? first.id,
            (v) => set({ evenWeeksFamilyId: v }),
            errors.evenWeeksFamilyId ? "evenWeeksFamilyId" : undefined,
          )}
          {errorOf("evenWeeksFamilyId")}
          <p className="text-sm text-gray-700">
            Semaines impaires chez : {foyerLabel(otherOf(plan.evenWeeksFamilyId ?? first.id))}. Numéros de semaine ISO, comme la semaine
            type.
          </p>
        </div>
      ) : null}

      {plan.kind === "WEEKDAYS" ? (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-semibold text-gray-900">Foyer de chaque jour de la semaine</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {CUSTODY_WEEKDAYS.map((name, index) => (
              <div key={name}>
                {foyerSelect(`custody-weekday-${index}`, name, weekdays[index]!, (v) =>
                  set({ weekdayFamilyIds: weekdays.map((w, i) => (i === index ? v : w)) }),
                )}
              </div>
            ))}
          </div>
          {errorOf("weekdayFamilyIds")}
        </fieldset>
      ) : null}

      {plan.kind === "DATES" ? (
        <div className="flex flex-col gap-1">
          {foyerSelect("custody-default", "Les jours sans date choisie, chez", plan.defaultFamilyId, (v) => set({ defaultFamilyId: v }))}
          {errorOf("defaultFamilyId")}
        </div>
      ) : null}

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-semibold text-gray-900">
          {plan.kind === "DATES" ? "Dates choisies" : "Dates échangées (remplacent la règle ce jour-là)"}
        </legend>
        <p id="custody-days-aide" className="text-sm text-gray-700">
          {plan.days.length === 0 ? "Aucune date." : "Au format JJ/MM/AAAA."}
        </p>
        <ul className="flex flex-col gap-3">
          {plan.days.map((d, index) => (
            <li key={index} className="flex flex-wrap items-end gap-3">
              <div className="flex flex-col gap-1">
                <label htmlFor={`custody-day-${index}`} className="font-semibold text-gray-900">
                  Date {index + 1}
                </label>
                <input
                  id={`custody-day-${index}`}
                  inputMode="numeric"
                  placeholder="JJ/MM/AAAA"
                  aria-describedby="custody-days-aide"
                  className={`${inputClass} max-w-40`}
                  value={d.day}
                  onChange={(e) => set({ days: plan.days.map((x, i) => (i === index ? { ...x, day: e.target.value } : x)) })}
                />
              </div>
              {foyerSelect(`custody-day-foyer-${index}`, `Chez (date ${index + 1})`, d.familyId, (v) =>
                set({ days: plan.days.map((x, i) => (i === index ? { ...x, familyId: v } : x)) }),
              )}
              <Button
                type="button"
                variant="quiet"
                onClick={() => set({ days: plan.days.filter((_, i) => i !== index) })}
                aria-label={`Retirer la date ${index + 1}`}
              >
                Retirer
              </Button>
              {errorOf(`days.${index}.day`)}
            </li>
          ))}
        </ul>
        {errorOf("days")}
        <div>
          <Button type="button" variant="secondary" onClick={() => set({ days: [...plan.days, { day: "", familyId: second.id }] })}>
            Ajouter une date
          </Button>
        </div>
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-semibold text-gray-900">Facturation</legend>
        <label className="flex min-h-11 items-start gap-2 py-2">
          <input
            type="checkbox"
            className="mt-0.5 size-5 shrink-0 accent-brand"
            checked={split}
            onChange={(e) => setSplit(e.target.checked)}
          />
          Partager chaque ligne entre les deux foyers (à la demande des parents), au lieu de facturer chaque jour au foyer qui a la garde
        </label>
        {split ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="custody-share" className="font-semibold text-gray-900">
              Part du premier foyer ({first.name}), en %
            </label>
            <input
              id="custody-share"
              inputMode="numeric"
              className={`${inputClass} max-w-32`}
              value={share}
              onChange={(e) => setShare(e.target.value)}
              aria-describedby="custody-share-aide"
              aria-invalid={errors.firstFoyerSharePercent ? true : undefined}
            />
            <p id="custody-share-aide" className="text-sm text-gray-700">
              Le second foyer paie le reste. Chaque foyer paie sa part de son propre tarif (son quotient familial).
            </p>
            {errorOf("firstFoyerSharePercent")}
          </div>
        ) : null}
      </fieldset>

      <div>
        <SubmitButton pending={pending}>Enregistrer le calendrier de garde</SubmitButton>
      </div>
    </ClientForm>
  );
}
