import { formatCalendarDate, count } from "@/lib/format";
import { SchemaForm } from "@/components/form/schema-form";
import { DeleteButton } from "@/components/admin/delete-button";
import { PERIOD_FIELDS } from "@/components/admin/activity-field-specs";
import type { ActivityConfiguration, DeleteAction, SchemaFormAction } from "./types";
import { cardClass } from "@/components/ui/classes";

/** Opening days grouped by month: « novembre 2026 : 4, 18, 25 ». */
function monthsOf(dates: Date[]): [string, number[]][] {
  const months = new Map<string, number[]>();
  const monthName = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", month: "long", year: "numeric" });
  for (const date of dates) {
    const key = monthName.format(date);
    months.set(key, [...(months.get(key) ?? []), date.getUTCDate()]);
  }
  return [...months.entries()];
}

/** The « Périodes » tab: each period with its opening days (by month) and its delete, then « Ajouter une période ». */
export function PeriodsTab({
  activity,
  addPeriod,
  deletePeriod,
}: {
  activity: ActivityConfiguration;
  addPeriod: SchemaFormAction;
  deletePeriod: DeleteAction;
}) {
  return (
    <section className={cardClass} aria-labelledby="periodes">
      <h2 id="periodes" className="mb-2 text-xl font-bold">
        Périodes
      </h2>
      {activity.periods.length === 0 ? (
        <p className="mb-2">Aucune période.</p>
      ) : (
        <ul className="mb-4 flex flex-col gap-2">
          {activity.periods.map((p) => (
            <li key={p.id} className="border-b border-gray-200 pb-2">
              <strong>{p.name}</strong> — du {formatCalendarDate(p.startDate)} au {formatCalendarDate(p.endDate)},{" "}
              {count(p._count.openingDays, "jour")} d&apos;ouverture, {count(p._count.inscriptions, "inscription")}{" "}
              <DeleteButton id={p.id} label={`la période ${p.name}`} remove={deletePeriod} />
              {p.openingDays.length > 0 ? (
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer font-semibold text-brand">Voir les jours d&apos;ouverture de « {p.name} »</summary>
                  <ul className="mt-1">
                    {monthsOf(p.openingDays.map((d) => d.date)).map(([month, days]) => (
                      <li key={month}>
                        <strong>{month}</strong> : {days.join(", ")}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3 className="mb-2 font-bold">Ajouter une période</h3>
      <SchemaForm
        schema="period"
        idPrefix="periode"
        fields={PERIOD_FIELDS}
        hidden={{ activityId: activity.id }}
        resetOnSuccess
        submitLabel="Ajouter la période"
        action={addPeriod}
        defaultValues={{ name: "", startDate: "", endDate: "", weekdays: [], inHolidays: "non" }}
      />
    </section>
  );
}
