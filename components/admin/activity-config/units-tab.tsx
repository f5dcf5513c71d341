import { SchemaForm } from "@/components/form/schema-form";
import { TIME_UNIT_FIELDS } from "@/components/admin/activity-field-specs";
import { UnitCard, type UnitActions } from "./unit-card";
import { UnitRulesSection } from "./unit-rules-section";
import { TariffRulesSection } from "./tariff-rules-section";
import type { ActivityConfiguration, DeleteAction, SchemaFormAction } from "./types";
import { cardClass } from "@/components/ui/classes";

export interface UnitsTabActions extends UnitActions {
  addTimeUnit: SchemaFormAction;
  addUnitRule: SchemaFormAction;
  deleteUnitRule: DeleteAction;
  setTariffRule: SchemaFormAction;
  deleteTariffRule: DeleteAction;
}

/** The « Unités et tarifs » tab: one card per unit, the rules between units, then « Ajouter une unité ». */
export function UnitsTab({ activity, actions }: { activity: ActivityConfiguration; actions: UnitsTabActions }) {
  return (
    <section className={cardClass} aria-labelledby="unites">
      <h2 id="unites" className="mb-2 text-xl font-bold">
        Unités d&apos;accueil, capacités et tarifs
      </h2>
      {activity.timeUnits.length === 0 ? <p className="mb-2">Aucune unité.</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {activity.timeUnits.map((unit) => (
          <UnitCard key={unit.id} unit={unit} actions={actions} />
        ))}
      </div>
      <UnitRulesSection timeUnits={activity.timeUnits} addUnitRule={actions.addUnitRule} deleteUnitRule={actions.deleteUnitRule} />
      <TariffRulesSection activity={activity} setTariffRule={actions.setTariffRule} deleteTariffRule={actions.deleteTariffRule} />
      <h3 className="mb-2 mt-6 border-t border-gray-300 pt-4 font-bold">Ajouter une unité</h3>
      <SchemaForm
        schema="timeUnit"
        idPrefix="unite"
        fields={TIME_UNIT_FIELDS}
        hidden={{ activityId: activity.id }}
        resetOnSuccess
        submitLabel="Ajouter l'unité"
        action={actions.addTimeUnit}
        defaultValues={{ name: "", startTime: "", endTime: "", capacity: "" }}
      />
    </section>
  );
}
