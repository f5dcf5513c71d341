import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/classes";

type Choice = { id: string; name: string };

function Select({ id, name, label, choices, value }: { id: string; name: string; label: string; choices: Choice[]; value?: string }) {
  return (
    <div className="flex min-w-0 max-w-xs flex-col gap-1">
      <label htmlFor={id} className="font-semibold">{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">Toutes</option>
        {choices.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </select>
    </div>
  );
}

function Day({ id, name, label, value }: { id: string; name: string; label: string; value?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">{label}</label>
      <input id={id} name={name} type="text" inputMode="numeric" maxLength={10} placeholder="jj/mm/aaaa" defaultValue={value ?? ""}
        aria-describedby="filtre-format" className={`${inputClass} max-w-36`} />
    </div>
  );
}

/**
 * The GET form above a staff queue (a server component): the activity, and what the queue can also be narrowed by —
 * its period, the structure, the unit, the days (jj/mm/aaaa).
 */
export function QueueFilters(props: {
  activities: Choice[];
  activityId?: string;
  periods?: Choice[];
  periodId?: string;
  structures?: Choice[];
  structureId?: string;
  units?: Choice[];
  unitId?: string;
  /** Shown as typed (jj/mm/aaaa) when the days are a filter. */
  days?: { from?: string; to?: string };
}) {
  return (
    <Card className="mb-4">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filtres">
        {props.structures && props.structures.length > 1 ? <Select id="filtre-structure" name="structure" label="Lieu d'accueil" choices={props.structures} value={props.structureId} /> : null}
        <Select id="filtre-activite" name="activite" label="Activité" choices={props.activities} value={props.activityId} />
        {props.periods && props.periods.length > 0 ? <Select id="filtre-periode" name="periode" label="Période" choices={props.periods} value={props.periodId} /> : null}
        {props.units && props.units.length > 0 ? <Select id="filtre-unite" name="unite" label="Unité" choices={props.units} value={props.unitId} /> : null}
        {props.days ? (
          <div className="flex gap-3">
            <Day id="filtre-du" name="du" label="Du" value={props.days.from} />
            <Day id="filtre-au" name="au" label="Au" value={props.days.to} />
          </div>
        ) : null}
        <Button type="submit">Filtrer</Button>
        {props.days ? <p id="filtre-format" className="basis-full text-sm text-gray-700">Dates au format jj/mm/aaaa.</p> : null}
      </form>
    </Card>
  );
}
