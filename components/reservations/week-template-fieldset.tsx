import type { UseFormReturn } from "react-hook-form";
import type { PeriodChoice } from "@/lib/reservations/reserve-period";
import { formatCents } from "@/lib/format";
import type { PeriodFormValues } from "./use-period-form";

const WEEKDAY_NAMES = ["Dimanche", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi"];

/**
 * « Semaine type »: one group per weekday, one checkbox per unit of the inscription. Each checkbox has its own
 * label (« Mercredi — Matin avec repas », the day said to screen readers, the unit, its hours and price shown)
 * whose whole line is the 44 px target, on a phone as on a large screen (issue 24: 20 px boxes named only by a
 * column header).
 */
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
      <div className="grid gap-3 sm:grid-cols-[repeat(auto-fill,minmax(16rem,1fr))]">
        {choice.weekdays.map((d) => (
          <fieldset key={d} className="rounded-md border border-gray-300 px-3 pb-1">
            <legend className="px-1 font-semibold text-gray-900">{WEEKDAY_NAMES[d]}</legend>
            {choice.units.map((unit) => (
              <label
                key={unit.id}
                className="flex min-h-11 cursor-pointer items-center gap-3 border-t border-gray-200 py-1 text-sm first-of-type:border-t-0"
              >
                <input
                  type="checkbox"
                  value={`${d}:${unit.id}`}
                  {...form.register("slots")}
                  className="size-6 shrink-0 accent-brand"
                  aria-invalid={Boolean(error) || undefined}
                />
                <span>
                  <span className="sr-only">{WEEKDAY_NAMES[d]} — </span>
                  <span className="font-semibold">{unit.name}</span>
                  <span className="block text-gray-700">
                    {unit.hours}
                    {unit.priceCents !== null ? ` · ${formatCents(unit.priceCents)}` : ""}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {error ? (
        <p id="slots-erreur" className="mt-1 text-sm font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
