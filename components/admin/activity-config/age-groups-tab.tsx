import { describeBounds } from "@/lib/activities/age-groups";
import { count } from "@/lib/format";
import { SchemaForm } from "@/components/form/schema-form";
import { DeleteButton } from "@/components/admin/delete-button";
import { AGE_GROUP_FIELDS } from "@/components/admin/activity-field-specs";
import type { ActivityConfiguration, DeleteAction, SchemaFormAction } from "./types";
import { cardClass } from "@/components/ui/classes";

/** The « Groupes d'âge » tab: each group with its bounds, places and delete, then « Ajouter un groupe ». */
export function AgeGroupsTab({
  activity,
  addAgeGroup,
  deleteAgeGroup,
}: {
  activity: ActivityConfiguration;
  addAgeGroup: SchemaFormAction;
  deleteAgeGroup: DeleteAction;
}) {
  return (
    <section className={cardClass} aria-labelledby="groupes">
      <h2 id="groupes" className="mb-2 text-xl font-bold">
        Groupes d&apos;âge
      </h2>
      {activity.ageGroups.length === 0 ? (
        <p className="mb-2">Aucun groupe : tous les âges sont acceptés.</p>
      ) : (
        <ul className="mb-4 flex flex-col gap-2">
          {activity.ageGroups.map((g) => (
            <li key={g.id} className="border-b border-gray-200 pb-2">
              <strong>{g.name}</strong> — {describeBounds(g)}
              {g.capacity !== null ? `, ${g.capacity} places` : ""}
              {g.unitCapacity !== null ? `, ${g.unitCapacity} places par unité et par jour` : ""},{" "}
              {count(g._count.inscriptions, "inscription")} <DeleteButton id={g.id} label={`le groupe ${g.name}`} remove={deleteAgeGroup} />
            </li>
          ))}
        </ul>
      )}
      <h3 className="mb-2 font-bold">Ajouter un groupe</h3>
      <SchemaForm
        schema="ageGroup"
        idPrefix="groupe"
        fields={AGE_GROUP_FIELDS}
        hidden={{ activityId: activity.id }}
        resetOnSuccess
        submitLabel="Ajouter le groupe"
        action={addAgeGroup}
        defaultValues={{ name: "", minYears: "", maxYears: "", capacity: "", unitCapacity: "" }}
      />
    </section>
  );
}
