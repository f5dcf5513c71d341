import { formatCalendarDate, formatCents, formatHours, count } from "@/lib/format";
import { SchemaForm } from "@/components/form/schema-form";
import { DeleteButton } from "@/components/admin/delete-button";
import { TariffEditor } from "@/components/admin/tariff-editor";
import { CAPACITY_OVERRIDE_FIELDS } from "@/components/admin/activity-field-specs";
import type { ActivityTimeUnit, DeleteAction, SchemaFormAction, TariffsAction } from "./types";

export interface UnitActions {
  deleteTimeUnit: DeleteAction;
  setTariffs: TariffsAction;
  setCapacityOverride: SchemaFormAction;
}

/** One unit: its hours, places and reservations, its tariffs and particular capacities, each editable in a disclosure. */
export function UnitCard({ unit, actions }: { unit: ActivityTimeUnit; actions: UnitActions }) {
  return (
    <article className="rounded border border-gray-300 p-3" aria-label={`Unité ${unit.name}`}>
      <h3 className="font-bold">{unit.name}</h3>
      <p className="text-sm">
        {formatHours(unit.startTime, unit.endTime)}, {unit.capacity} places par jour, {count(unit._count.reservations, "réservation")}{" "}
        <DeleteButton id={unit.id} label={`l'unité ${unit.name}`} remove={actions.deleteTimeUnit} />
      </p>
      {unit.tariffs.length > 0 ? (
        <p className="text-sm">
          Tarifs :{" "}
          {unit.tariffs
            .map(
              (t) =>
                `QF ${t.qfMin}${t.qfMax === null ? " et plus" : `–${t.qfMax}`} : ${formatCents(t.priceCents)}${
                  t.nonResidentPriceCents !== null ? ` (hors commune ${formatCents(t.nonResidentPriceCents)})` : ""
                }`,
            )
            .join(" ; ")}
        </p>
      ) : (
        <p className="text-sm font-semibold text-red-800">Aucun tarif.</p>
      )}
      {unit.capacityOverrides.length > 0 ? (
        <p className="text-sm">
          Capacités particulières : {unit.capacityOverrides.map((o) => `${formatCalendarDate(o.date)} : ${o.capacity}`).join(", ")}
        </p>
      ) : null}
      <details className="mt-2">
        <summary className="cursor-pointer font-semibold text-brand">Modifier les tarifs de « {unit.name} »</summary>
        <TariffEditor
          timeUnitId={unit.id}
          unitName={unit.name}
          action={actions.setTariffs}
          initial={unit.tariffs.map((t) => ({
            qfMin: String(t.qfMin),
            qfMax: t.qfMax === null ? "" : String(t.qfMax),
            price: (t.priceCents / 100).toFixed(2).replace(".", ","),
            nonResidentPrice: t.nonResidentPriceCents === null ? "" : (t.nonResidentPriceCents / 100).toFixed(2).replace(".", ","),
          }))}
        />
      </details>
      <details className="mt-2">
        <summary className="cursor-pointer font-semibold text-brand">Capacité d&apos;un jour particulier pour « {unit.name} »</summary>
        <SchemaForm
          schema="capacityOverride"
          idPrefix={`capacite-${unit.id}`}
          fields={CAPACITY_OVERRIDE_FIELDS}
          hidden={{ timeUnitId: unit.id }}
          submitLabel="Enregistrer la capacité du jour"
          action={actions.setCapacityOverride}
          defaultValues={{ date: "", capacity: "" }}
        />
      </details>
    </article>
  );
}
