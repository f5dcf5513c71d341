import { FilterDay, FilterForm, FilterSelect } from "./filter-select";
import { inputClass } from "@/components/ui/classes";

type Choice = { id: string; name: string };

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
  /** A search box (`q`): words the server looks for in the names (ADR 043: the list is paged on the server). */
  search?: { label: string; value?: string };
  /** Kept as they are when the form is sent (e.g. the « Réinscriptions » view of the inscription queue). */
  keep?: Record<string, string>;
}) {
  return (
    <FilterForm
      label="Filtres"
      submitLabel="Filtrer"
      footer={
        props.days ? (
          <p id="filtre-format" className="basis-full text-sm text-gray-700">
            Dates au format jj/mm/aaaa.
          </p>
        ) : null
      }
    >
      {Object.entries(props.keep ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {props.search ? (
        <div className="flex min-w-60 flex-1 flex-col gap-1">
          <label htmlFor="filtre-recherche" className="font-semibold">
            {props.search.label}
          </label>
          <input id="filtre-recherche" name="q" type="search" defaultValue={props.search.value ?? ""} className={inputClass} />
        </div>
      ) : null}
      {props.structures && props.structures.length > 1 ? (
        <FilterSelect
          id="filtre-structure"
          name="structure"
          label="Lieu d'accueil"
          choices={props.structures}
          value={props.structureId}
          any="Tous"
        />
      ) : null}
      <FilterSelect
        id="filtre-activite"
        name="activite"
        label="Activité"
        choices={props.activities}
        value={props.activityId}
        any="Toutes"
      />
      {props.periods && props.periods.length > 0 ? (
        <FilterSelect id="filtre-periode" name="periode" label="Période" choices={props.periods} value={props.periodId} any="Toutes" />
      ) : null}
      {props.units && props.units.length > 0 ? (
        <FilterSelect id="filtre-unite" name="unite" label="Unité" choices={props.units} value={props.unitId} any="Toutes" />
      ) : null}
      {props.days ? (
        <div className="flex gap-3">
          <FilterDay id="filtre-du" name="du" label="Du" value={props.days.from} describedBy="filtre-format" />
          <FilterDay id="filtre-au" name="au" label="Au" value={props.days.to} describedBy="filtre-format" />
        </div>
      ) : null}
    </FilterForm>
  );
}
