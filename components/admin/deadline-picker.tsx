"use client";
import { useState } from "react";
import { composeDeadline, deadlineParts, DEADLINE_WEEKDAYS, type DeadlineParts } from "@/lib/calendar/deadline-parts";
import { inputClass } from "@/components/ui/field";

/** Monday first, as a French week reads. */
const ORDER = [...DEADLINE_WEEKDAYS.slice(1), DEADLINE_WEEKDAYS[0]];

/**
 * « Délai de réservation » chosen from fields — « 2 jours avant, 10:00 » or
 * « le mercredi précédent, 23:59 » — instead of a typed code. It keeps the
 * stored expression (« J-2 10:00 ») in the form's value; the server's schema
 * checks it and its message shows under the fieldset.
 */
export function DeadlinePicker({
  id,
  legend,
  value,
  onChange,
  error,
  hint,
}: {
  id: string;
  legend: string;
  value: string;
  onChange: (expression: string) => void;
  error?: string;
  hint?: string;
}) {
  const [parts, setParts] = useState<DeadlineParts>(() => deadlineParts(value));
  const update = (next: DeadlineParts) => {
    setParts(next);
    onChange(composeDeadline(next));
  };
  const errorId = `${id}-erreur`;
  const hintId = `${id}-aide`;
  return (
    <fieldset
      id={id}
      className="mb-4 rounded-md border border-gray-300 p-3"
      tabIndex={-1}
      aria-describedby={[hint ? hintId : "", error ? errorId : ""].join(" ").trim() || undefined}
    >
      <legend className="px-1 font-semibold">
        {legend}
        <span aria-hidden="true" className="text-red-800">
          {" "}
          *
        </span>
      </legend>
      {hint ? (
        <p id={hintId} className="mb-2 text-sm text-gray-700">
          {hint}
        </p>
      ) : null}
      <div className="flex flex-col gap-1">
        <label className="flex min-h-11 items-center gap-2">
          <input
            type="radio"
            name={`${id}-mode`}
            className="size-5 accent-brand"
            checked={parts.kind === "DAYS_BEFORE"}
            onChange={() => update({ kind: "DAYS_BEFORE", days: "2", time: parts.time })}
          />
          Un nombre de jours avant le jour réservé
        </label>
        <label className="flex min-h-11 items-center gap-2">
          <input
            type="radio"
            name={`${id}-mode`}
            className="size-5 accent-brand"
            checked={parts.kind === "WEEKDAY_BEFORE"}
            onChange={() => update({ kind: "WEEKDAY_BEFORE", weekday: "MERCREDI", time: parts.time })}
          />
          Un jour de la semaine précédente
        </label>
      </div>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        {parts.kind === "DAYS_BEFORE" ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-jours`} className="font-semibold">
              Nombre de jours avant
            </label>
            <input
              id={`${id}-jours`}
              type="text"
              inputMode="numeric"
              maxLength={2}
              className={`${inputClass} w-24`}
              value={parts.days}
              aria-invalid={Boolean(error)}
              onChange={(e) => update({ ...parts, days: e.target.value })}
            />
          </div>
        ) : (
          <div className="flex flex-col gap-1">
            <label htmlFor={`${id}-jour`} className="font-semibold">
              Jour
            </label>
            <select
              id={`${id}-jour`}
              className={`${inputClass} w-40`}
              value={parts.weekday}
              onChange={(e) => update({ ...parts, weekday: e.target.value as (typeof DEADLINE_WEEKDAYS)[number] })}
            >
              {ORDER.map((d) => (
                <option key={d} value={d}>
                  le {d.toLowerCase()} précédent
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-heure`} className="font-semibold">
            Heure limite
          </label>
          <input
            id={`${id}-heure`}
            type="text"
            inputMode="numeric"
            maxLength={5}
            className={`${inputClass} w-28`}
            value={parts.time}
            aria-invalid={Boolean(error)}
            aria-describedby={`${id}-heure-aide`}
            onChange={(e) => update({ ...parts, time: e.target.value })}
          />
        </div>
      </div>
      <p id={`${id}-heure-aide`} className="mt-1 text-sm text-gray-700">
        Heure de Paris, format hh:mm (par exemple 10:00 ; 23:59 pour « avant minuit »).
      </p>
      {error ? (
        <p id={errorId} className="mt-1 text-sm font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
