import { SchemaForm } from "@/components/form/schema-form";
import { activityFields } from "@/components/admin/activity-field-specs";
import type { ActivityConfiguration, SchemaFormAction } from "./types";
import { cardClass } from "@/components/ui/classes";

/** "YYYY-MM-DDTHH:MM" in Paris time, for a datetime-local input. */
function localValue(date: Date | null): string {
  if (!date) return "";
  const parts = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
  return parts.replace(" ", "T");
}

/** The « Général et délais » tab: the activity's settings in one form. */
export function SettingsTab({
  activity,
  structures,
  updateActivity,
}: {
  activity: ActivityConfiguration;
  structures: Parameters<typeof activityFields>[0];
  updateActivity: SchemaFormAction;
}) {
  return (
    <section className={cardClass} aria-labelledby="parametres">
      <h2 id="parametres" className="mb-2 text-xl font-bold">
        Paramètres
      </h2>
      <SchemaForm
        schema="activity"
        idPrefix="parametres"
        fields={activityFields(structures)}
        hidden={{ activityId: activity.id }}
        submitLabel="Enregistrer les paramètres"
        action={updateActivity}
        defaultValues={{
          structureId: activity.structure.id,
          careKind: activity.careType.kind,
          name: activity.name,
          description: activity.description ?? "",
          inscriptionValidation: activity.inscriptionValidation,
          reservationValidation: activity.reservationValidation,
          bookingDeadline: activity.bookingDeadline,
          cancellationDeadline: activity.cancellationDeadline,
          inscriptionsOpenAt: localValue(activity.inscriptionsOpenAt),
          residentsOpenAt: localValue(activity.residentsOpenAt),
          renewalsOpenAt: localValue(activity.renewalsOpenAt),
          maxInscriptions: activity.maxInscriptions === null ? "" : String(activity.maxInscriptions),
          isPreRegistration: activity.isPreRegistration ? "oui" : "non",
          taxCertificateEligible: activity.taxCertificateEligible ? "oui" : "non",
        }}
      />
    </section>
  );
}
