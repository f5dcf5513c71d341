"use client";
import type { PeriodChoice } from "@/lib/reservations/reserve-period";
import { WEEK_TYPES } from "@/lib/reservations/week-types";
import { isoToFrench } from "@/lib/format";
import { Alert, DateField, Field, inputClass, RadioGroup } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { usePeriodForm, type InitialWeek, type PreviewPeriod, type SendPeriod } from "./use-period-form";
import { WeekTemplateFieldset } from "./week-template-fieldset";
import { PeriodPreview } from "./period-preview";

/** « Réservations sur période »: a semaine type over a range of dates, previewed with its total before anything is sent. */
export function PeriodForm(props: {
  choices: PeriodChoice[];
  initialInscription: string;
  initialWeek?: InitialWeek;
  preview: PreviewPeriod;
  send: SendPeriod;
}) {
  const { form, choice, errors, message, shown, sent, pending, onPreview, onSend, clearPreview } = usePeriodForm(props);

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
        onChange={clearPreview}
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
              {props.choices.map((c) => (
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
            defaultValue={props.initialWeek?.startDate}
            error={errors.startDate}
            example={isoToFrench(choice.startDay)}
          />
          <DateField
            id="endDate"
            label="Date fin"
            required
            registration={form.register("endDate")}
            defaultValue={props.initialWeek?.endDate}
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
          defaultValue={props.initialWeek?.weekType ?? "ALL"}
          error={errors.weekType}
          hint="Semaines paires ou impaires : selon le numéro de la semaine dans l'année (semaine 1 = celle du premier jeudi de janvier)."
        />
        <WeekTemplateFieldset choice={choice} form={form} error={errors.slots} />
        <Button type="submit" pending={pending && !shown} pendingLabel="Calcul en cours…">
          Voir les dates
        </Button>
      </form>

      {shown ? <PeriodPreview shown={shown} pending={pending} onSend={onSend} /> : null}
    </div>
  );
}
