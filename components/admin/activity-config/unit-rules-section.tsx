import { SchemaForm } from "@/components/form/schema-form";
import { DeleteButton } from "@/components/admin/delete-button";
import { unitRuleFields } from "@/components/admin/activity-field-specs";
import type { ActivityTimeUnit, DeleteAction, SchemaFormAction } from "./types";

/** « Règles entre unités »: each rule in words with its delete, and the form to add one (from two units). */
export function UnitRulesSection({
  timeUnits,
  addUnitRule,
  deleteUnitRule,
}: {
  timeUnits: ActivityTimeUnit[];
  addUnitRule: SchemaFormAction;
  deleteUnitRule: DeleteAction;
}) {
  return (
    <section aria-labelledby="regles" className="mt-4">
      <h3 id="regles" className="mb-1 font-bold">
        Règles entre unités
      </h3>
      <p className="mb-2 text-sm text-gray-800">
        Vérifiées à chaque demande de réservation et d&apos;annulation : une demande qui en enfreint une est refusée, avec la règle.
      </p>
      {timeUnits.every((u) => u.rules.length === 0) ? (
        <p className="mb-2">Aucune règle.</p>
      ) : (
        <ul className="mb-3 flex flex-col divide-y divide-gray-200">
          {timeUnits.flatMap((u) => {
            const requires = u.rules.filter((r) => r.kind === "REQUIRES");
            return u.rules.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-1">
                <span>
                  {`«\u00a0${u.name}\u00a0» `}
                  {r.kind === "INCOMPATIBLE"
                    ? "ne peut pas être réservée le même jour que"
                    : requires.length > 1
                      ? "nécessite aussi (l'une suffit)"
                      : "nécessite aussi"}
                  {` «\u00a0${r.otherUnit.name}\u00a0»`}
                </span>
                <DeleteButton id={r.id} label={`la règle « ${u.name} » / « ${r.otherUnit.name} »`} remove={deleteUnitRule} />
              </li>
            ));
          })}
        </ul>
      )}
      {timeUnits.length >= 2 ? (
        <SchemaForm
          schema="unitRule"
          idPrefix="regle"
          fields={unitRuleFields(timeUnits)}
          resetOnSuccess
          submitLabel="Ajouter la règle"
          action={addUnitRule}
          defaultValues={{ unitId: "", kind: "INCOMPATIBLE", otherUnitId: "" }}
        />
      ) : null}
    </section>
  );
}
