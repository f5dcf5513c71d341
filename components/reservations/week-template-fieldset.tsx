import type { UseFormReturn } from "react-hook-form";
import type { PeriodChoice } from "@/lib/reservations/reserve-period";
import { formatCents } from "@/lib/format";
import type { PeriodFormValues } from "./use-period-form";

const WEEKDAY_NAMES = ["Dimanche", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi"];

/** « Semaine type »: one checkbox per weekday and unit of the inscription, each named « Lundi — Matin ». */
export function WeekTemplateFieldset({
  choice,
  form,
  error,
}: {
  choice: PeriodChoice;
  form: UseFormReturn<PeriodFormValues>;
  error: string | undefined;
}) {
  return (
    <fieldset id="slots" tabIndex={-1} className="mb-4" aria-describedby={error ? "slots-erreur" : undefined}>
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
                        aria-invalid={Boolean(error) || undefined}
                      />
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error ? (
        <p id="slots-erreur" className="mt-1 text-sm font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
