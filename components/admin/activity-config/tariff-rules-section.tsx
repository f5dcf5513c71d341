import { SchemaForm, type FieldSpec } from "@/components/form/schema-form";
import { DeleteButton } from "@/components/admin/delete-button";
import { formatCalendarDate } from "@/lib/format";
import type { ActivityConfiguration, DeleteAction, SchemaFormAction } from "./types";

const MODES = { PER_UNIT: "à l'unité", HOURLY: "à l'heure" } as const;
const SCOPES = { DAY: "enfants réservés le même jour", PERIOD: "enfants inscrits à la même période" } as const;

const FIELDS: FieldSpec[] = [
  { name: "validFrom", label: "En vigueur à partir du", type: "date", required: true },
  {
    name: "mode",
    label: "Prix des tranches",
    type: "radio",
    required: true,
    options: [
      { value: "PER_UNIT", label: "À l'unité (le prix de la tranche par unité)" },
      { value: "HOURLY", label: "À l'heure (le prix de la tranche × les heures de l'unité)" },
    ],
  },
  { name: "siblingSecondPercent", label: "Fratrie : réduction du 2e enfant (%)", inputMode: "numeric", hint: "Vide : aucune réduction." },
  {
    name: "siblingThirdPercent",
    label: "Fratrie : réduction du 3e enfant et suivants (%)",
    inputMode: "numeric",
    hint: "Vide : la réduction du 2e enfant.",
  },
  {
    name: "siblingScope",
    label: "Portée de la fratrie",
    type: "radio",
    required: true,
    options: [
      { value: "DAY", label: "Même jour (enfants réservés le même jour)" },
      { value: "PERIOD", label: "Même période (enfants inscrits à la même période)" },
    ],
  },
];

/** A rule in words: « à l'heure ; fratrie -10 % (2e), -20 % (3e et suivants), enfants réservés le même jour ». */
function describeRule(rule: ActivityConfiguration["tariffRules"][number]) {
  const second = rule.siblingSecondPercent ?? 0;
  const third = rule.siblingThirdPercent ?? second;
  const fratrie =
    second > 0 || third > 0
      ? `fratrie -${second}\u00a0% (2e), -${third}\u00a0% (3e et suivants), ${SCOPES[rule.siblingScope]}`
      : "sans réduction fratrie";
  return `prix ${MODES[rule.mode]} ; ${fratrie}`;
}

/**
 * « Règles de tarif » (ADR 055): each rule from its date, until the next one; the form adds one (same date: replaced).
 * A rule cannot take effect inside a closed month.
 */
export function TariffRulesSection({
  activity,
  setTariffRule,
  deleteTariffRule,
}: {
  activity: ActivityConfiguration;
  setTariffRule: SchemaFormAction;
  deleteTariffRule: DeleteAction;
}) {
  return (
    <section aria-labelledby="regles-tarif" className="mt-4 border-t border-gray-300 pt-4">
      <h3 id="regles-tarif" className="mb-1 font-bold">
        Règles de tarif
      </h3>
      <p className="mb-2 text-sm text-gray-800">
        Chaque jour est facturé avec la règle en vigueur ce jour-là. Sans règle : prix à l&apos;unité, sans réduction fratrie. Le frère ou
        la sœur aîné(e) paie le prix plein, les suivants ont la réduction.
      </p>
      {activity.tariffRules.length === 0 ? (
        <p className="mb-2">Aucune règle.</p>
      ) : (
        <ul className="mb-3 flex flex-col divide-y divide-gray-200">
          {activity.tariffRules.map((rule) => (
            <li key={rule.id} className="flex flex-wrap items-center justify-between gap-2 py-1">
              <span>
                À partir du {formatCalendarDate(rule.validFrom)} : {describeRule(rule)}
              </span>
              <DeleteButton id={rule.id} label={`la règle de tarif du ${formatCalendarDate(rule.validFrom)}`} remove={deleteTariffRule} />
            </li>
          ))}
        </ul>
      )}
      <SchemaForm
        schema="tariffRule"
        idPrefix="regle-tarif"
        fields={FIELDS}
        hidden={{ activityId: activity.id }}
        resetOnSuccess
        submitLabel="Enregistrer la règle de tarif"
        action={setTariffRule}
        defaultValues={{ validFrom: "", mode: "PER_UNIT", siblingSecondPercent: "", siblingThirdPercent: "", siblingScope: "DAY" }}
      />
    </section>
  );
}
