"use client";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { PeriodChoice, PeriodPreview } from "@/lib/reservations/reserve-period";
import type { CellOutcome } from "@/lib/reservations/request-reservations";
import type { PeriodRequestInput } from "@/lib/reservations/schemas";
import { WEEK_TYPES } from "@/lib/reservations/schemas";
import type { ActionResult } from "@/lib/action-result";
import { formatCents, formatLongDate, formatMonth, isoToFrench } from "@/lib/format";
import { Alert, DateField, Field, inputClass, RadioGroup } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";
import { focusAfterChange } from "@/components/ui/focus";

const WEEKDAY_NAMES = ["Dimanche", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi"];

type Preview = (input: PeriodRequestInput) => Promise<ActionResult<PeriodPreview>>;
type Send = (input: PeriodRequestInput) => Promise<ActionResult<{ outcomes: CellOutcome[]; summary: string }>>;

/** « Réservations sur période »: a semaine type over a range of dates, previewed with its total before anything is sent. */
export function PeriodForm({
  choices,
  initialInscription,
  preview,
  send,
}: {
  choices: PeriodChoice[];
  initialInscription: string;
  preview: Preview;
  send: Send;
}) {
  const initial = choices.find((c) => c.inscriptionId === initialInscription) ?? choices[0]!;
  const form = useForm<{
    inscriptionId: string;
    startDate: string;
    endDate: string;
    weekType: "ALL" | "EVEN" | "ODD";
    slots: string[] | string | false;
  }>({
    defaultValues: { inscriptionId: initial.inscriptionId, startDate: "", endDate: "", weekType: "ALL", slots: [] },
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [shown, setShown] = useState<PeriodPreview | null>(null);
  const [sent, setSent] = useState<{ text: string; refused: boolean } | null>(null);
  const [pending, startTransition] = useTransition();
  const inscriptionId = useWatch({ control: form.control, name: "inscriptionId" });
  const choice = choices.find((c) => c.inscriptionId === inscriptionId) ?? initial;

  const values = (): PeriodRequestInput => {
    const v = form.getValues();
    const slots = Array.isArray(v.slots) ? v.slots : typeof v.slots === "string" ? [v.slots] : [];
    return { inscriptionId: v.inscriptionId, startDate: v.startDate, endDate: v.endDate, weekType: v.weekType, slots };
  };

  function onPreview() {
    setSent(null);
    startTransition(async () => {
      const result = await preview(values());
      if (!result.ok) {
        setShown(null);
        setErrors(result.fieldErrors ?? {});
        setMessage(result.error);
        focusAfterChange("resultat-periode");
        return;
      }
      setErrors({});
      setMessage(null);
      setShown(result.data);
      focusAfterChange("apercu-periode");
    });
  }

  function onSend() {
    startTransition(async () => {
      const result = await send(values());
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.error);
        focusAfterChange("resultat-periode");
        return;
      }
      setShown(null);
      const refused = result.data.outcomes.some((o) => o.outcome === "REFUSED");
      setSent({
        text: refused
          ? `Envoi : ${result.data.summary}. Le détail de chaque date est dans l'e-mail et le calendrier.`
          : `Demandes envoyées : ${result.data.summary}.`,
        refused,
      });
      focusAfterChange("resultat-periode");
    });
  }

  const byMonth = new Map<string, { day: string; units: string[] }[]>();
  for (const cell of shown?.cells ?? []) {
    const month = cell.day.slice(0, 7);
    const list = byMonth.get(month) ?? [];
    const last = list[list.length - 1];
    if (last && last.day === cell.day) last.units.push(cell.unitName);
    else list.push({ day: cell.day, units: [cell.unitName] });
    byMonth.set(month, list);
  }

  return (
    <div>
      <div id="resultat-periode" tabIndex={-1} className="focus:outline-none">
        {message ? <Alert tone="error">{message}</Alert> : null}
        {sent ? (
          <Alert tone={sent.refused ? "error" : "success"}>
            <p>{sent.text}</p>
            <p className="mt-1">Vous recevez un e-mail avec le détail ; suivez-les dans le calendrier.</p>
          </Alert>
        ) : null}
      </div>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onPreview();
        }}
        onChange={() => setShown(null)}
      >
        <Field
          id="inscriptionId"
          label="Inscription"
          required
          error={errors.inscriptionId}
          hint={`Du ${isoToFrench(choice.startDay)} au ${isoToFrench(choice.endDay)}.`}
        >
          {(aria) => (
            <select {...aria} {...form.register("inscriptionId")} className={inputClass}>
              {choices.map((c) => (
                <option key={c.inscriptionId} value={c.inscriptionId}>
                  {c.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <DateField
            id="startDate"
            label="Date début"
            required
            registration={form.register("startDate")}
            error={errors.startDate}
            example={isoToFrench(choice.startDay)}
          />
          <DateField
            id="endDate"
            label="Date fin"
            required
            registration={form.register("endDate")}
            error={errors.endDate}
            example={isoToFrench(choice.endDay)}
          />
        </div>
        <RadioGroup
          id="weekType"
          legend="Type de semaine"
          required
          options={WEEK_TYPES.map((w) => ({ value: w.value, label: w.label }))}
          registration={form.register("weekType")}
          defaultValue="ALL"
          error={errors.weekType}
          hint="Semaines paires ou impaires : selon le numéro de la semaine dans l'année (semaine 1 = celle du premier jeudi de janvier)."
        />
        <fieldset id="slots" tabIndex={-1} className="mb-4" aria-describedby={errors.slots ? "slots-erreur" : undefined}>
          <legend className="mb-1 font-semibold text-gray-900">
            Semaine type : jours et temps d&apos;accueil à réserver{" "}
            <span aria-hidden="true" className="text-red-800">
              *
            </span>
          </legend>
          <p className="mb-2 text-sm text-gray-700">Cochez, pour chaque jour de la semaine, les temps d&apos;accueil à réserver.</p>
          <div className="overflow-x-auto">
            <table className="border-collapse text-sm">
              <thead>
                <tr>
                  <th scope="col" className="p-2 text-left">
                    Horaires
                  </th>
                  {choice.weekdays.map((d) => (
                    <th key={d} scope="col" className="p-2">
                      {WEEKDAY_NAMES[d]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {choice.units.map((unit) => (
                  <tr key={unit.id} className="border-t border-gray-300">
                    <th scope="row" className="p-2 text-left font-normal">
                      <span className="font-semibold">{unit.name}</span>
                      <span className="block text-gray-700">
                        {unit.hours}
                        {unit.priceCents !== null ? ` · ${formatCents(unit.priceCents)}` : ""}
                      </span>
                    </th>
                    {choice.weekdays.map((d) => (
                      <td key={d} className="p-0 text-center">
                        <label className="inline-flex size-11 items-center justify-center">
                          <input
                            type="checkbox"
                            value={`${d}:${unit.id}`}
                            {...form.register("slots")}
                            className="size-5 accent-brand"
                            aria-label={`${WEEKDAY_NAMES[d]} — ${unit.name}`}
                            aria-invalid={Boolean(errors.slots) || undefined}
                          />
                        </label>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {errors.slots ? (
            <p id="slots-erreur" className="mt-1 text-sm font-semibold text-red-800">
              {errors.slots}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" pending={pending && !shown} pendingLabel="Calcul en cours…">
          Voir les dates
        </Button>
      </form>

      {shown ? (
        <section
          id="apercu-periode"
          tabIndex={-1}
          aria-labelledby="apercu-titre"
          className="mt-6 rounded-md border border-gray-300 p-4 focus:outline-none"
        >
          <h2 id="apercu-titre" className="text-lg font-bold">
            Aperçu : {shown.cells.length} {shown.cells.length > 1 ? "demandes" : "demande"} pour {shown.inscription.childFirstName}
          </h2>
          <p className="mt-1 text-lg">
            <strong>Total : {formatCents(shown.totalCents)}</strong>{" "}
            <span className="text-sm text-gray-700">(estimation selon votre quotient familial ; la facture fait foi)</span>
          </p>
          {shown.cells.length > 12 ? (
            <Button className="mt-2" onClick={onSend} pending={pending} pendingLabel="Envoi en cours…">
              Valider mes demandes de réservations
            </Button>
          ) : null}
          {shown.skipped.rules.length > 0 ? (
            <div className="mt-2 rounded border border-red-700 bg-red-50 p-2 text-sm text-red-950">
              <p className="font-semibold">Non demandées, à cause des règles de l&apos;activité :</p>
              <ul className="list-disc pl-5">
                {[...new Set(shown.skipped.rules.map((r) => r.message))].map((m) => (
                  <li key={m}>
                    {m} ({shown.skipped.rules.filter((r) => r.message === m).length}{" "}
                    {shown.skipped.rules.filter((r) => r.message === m).length > 1 ? "dates" : "date"})
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {shown.skipped.closed.length + shown.skipped.booked + shown.skipped.late + shown.skipped.outside > 0 ? (
            <ul className="mt-2 list-disc pl-5 text-sm text-gray-800">
              {shown.skipped.closed.length > 0 ? (
                <li>
                  Jours sans accueil ignorés (vacances, jours fériés, fermetures) : {shown.skipped.closed.map(isoToFrench).join(", ")}
                </li>
              ) : null}
              {shown.skipped.booked > 0 ? <li>{shown.skipped.booked} déjà demandées ou réservées, ignorées</li> : null}
              {shown.skipped.late > 0 ? <li>{shown.skipped.late} dont le délai de réservation est dépassé, ignorées</li> : null}
              {shown.skipped.outside > 0 ? <li>{shown.skipped.outside} en dehors des dates de l&apos;inscription, ignorées</li> : null}
            </ul>
          ) : null}
          {[...byMonth].map(([month, days]) => (
            <div key={month} className="mt-3">
              <h3 className="font-semibold capitalize">{formatMonth(month)}</h3>
              <ul className="flex flex-col gap-1 text-sm">
                {days.map((d) => (
                  <li key={d.day}>
                    {formatLongDate(d.day)} : {d.units.join(", ")}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <div className="mt-4 flex flex-wrap gap-2">
            <Button onClick={onSend} disabled={shown.cells.length === 0} pending={pending} pendingLabel="Envoi en cours…">
              Valider mes demandes de réservations
            </Button>
            <LinkButton href={`/mes-reservations?inscription=${shown.inscription.id}`} variant="secondary">
              Retour au calendrier
            </LinkButton>
          </div>
        </section>
      ) : null}
    </div>
  );
}
