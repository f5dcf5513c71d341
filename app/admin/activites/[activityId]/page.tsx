import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs } from "@/components/ui/tabs";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { listStructureChoices } from "@/lib/activities/manage-structures";
import { getActivityConfiguration } from "@/lib/activities/manage-activity";
import { describeBounds } from "@/lib/activities/age-groups";
import { describeDeadline } from "@/lib/calendar/deadlines";
import { formatCalendarDate, formatCents, count } from "@/lib/format";
import { SchemaForm } from "@/components/form/schema-form";
import { DeleteButton } from "@/components/admin/delete-button";
import { TariffEditor } from "@/components/admin/tariff-editor";
import {
  activityFields,
  AGE_GROUP_FIELDS,
  CAPACITY_OVERRIDE_FIELDS,
  PERIOD_FIELDS,
  TIME_UNIT_FIELDS,
  unitRuleFields,
} from "@/components/admin/activity-field-specs";
import {
  addAgeGroupAction,
  addPeriodAction,
  addTimeUnitAction,
  addUnitRuleAction,
  deleteAgeGroupAction,
  deletePeriodAction,
  deleteTimeUnitAction,
  deleteUnitRuleAction,
  setCapacityOverrideAction,
  setTariffsAction,
  updateActivityAction,
} from "../actions";

export const metadata: Metadata = { title: "Configurer une activité" };

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

export default async function ActivityConfigPage({ params }: { params: Promise<{ activityId: string }> }) {
  const { activityId } = await params;
  await staffPage(`/admin/activites/${activityId}`);
  const [activity, structures] = await Promise.all([getActivityConfiguration(activityId), listStructureChoices()]);
  if (!activity) notFound();
  const hidden = { activityId };
  const periods = (
    <section className="card" aria-labelledby="periodes">
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
              <DeleteButton id={p.id} label={`la période ${p.name}`} remove={deletePeriodAction} />
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
        hidden={hidden}
        resetOnSuccess
        submitLabel="Ajouter la période"
        action={addPeriodAction}
        defaultValues={{ name: "", startDate: "", endDate: "", weekdays: [], inHolidays: "non" }}
      />
    </section>
  );
  const groups = (
    <section className="card" aria-labelledby="groupes">
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
              {count(g._count.inscriptions, "inscription")}{" "}
              <DeleteButton id={g.id} label={`le groupe ${g.name}`} remove={deleteAgeGroupAction} />
            </li>
          ))}
        </ul>
      )}
      <h3 className="mb-2 font-bold">Ajouter un groupe</h3>
      <SchemaForm
        schema="ageGroup"
        idPrefix="groupe"
        fields={AGE_GROUP_FIELDS}
        hidden={hidden}
        resetOnSuccess
        submitLabel="Ajouter le groupe"
        action={addAgeGroupAction}
        defaultValues={{ name: "", minYears: "", maxYears: "", capacity: "", unitCapacity: "" }}
      />
    </section>
  );
  const units = (
    <section className="card" aria-labelledby="unites">
      <h2 id="unites" className="mb-2 text-xl font-bold">
        Unités d&apos;accueil, capacités et tarifs
      </h2>
      {activity.timeUnits.length === 0 ? <p className="mb-2">Aucune unité.</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {activity.timeUnits.map((unit) => (
          <article key={unit.id} className="rounded border border-gray-300 p-3" aria-label={`Unité ${unit.name}`}>
            <h3 className="font-bold">{unit.name}</h3>
            <p className="text-sm">
              {unit.startTime.replace(":", "h")} – {unit.endTime.replace(":", "h")}, {unit.capacity} places par jour,{" "}
              {count(unit._count.reservations, "réservation")}{" "}
              <DeleteButton id={unit.id} label={`l'unité ${unit.name}`} remove={deleteTimeUnitAction} />
            </p>
            {unit.tariffs.length > 0 ? (
              <p className="text-sm">
                Tarifs :{" "}
                {unit.tariffs
                  .map((t) => `QF ${t.qfMin}${t.qfMax === null ? " et plus" : `–${t.qfMax}`} : ${formatCents(t.priceCents)}`)
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
                action={setTariffsAction}
                initial={unit.tariffs.map((t) => ({
                  qfMin: String(t.qfMin),
                  qfMax: t.qfMax === null ? "" : String(t.qfMax),
                  price: (t.priceCents / 100).toFixed(2).replace(".", ","),
                }))}
              />
            </details>
            <details className="mt-2">
              <summary className="cursor-pointer font-semibold text-brand">
                Capacité d&apos;un jour particulier pour « {unit.name} »
              </summary>
              <SchemaForm
                schema="capacityOverride"
                idPrefix={`capacite-${unit.id}`}
                fields={CAPACITY_OVERRIDE_FIELDS}
                hidden={{ timeUnitId: unit.id }}
                submitLabel="Enregistrer la capacité du jour"
                action={setCapacityOverrideAction}
                defaultValues={{ date: "", capacity: "" }}
              />
            </details>
          </article>
        ))}
      </div>
      <section aria-labelledby="regles" className="mt-4">
        <h3 id="regles" className="mb-1 font-bold">
          Règles entre unités
        </h3>
        <p className="mb-2 text-sm text-gray-800">
          Vérifiées à chaque demande de réservation et d&apos;annulation : une demande qui en enfreint une est refusée, avec la règle.
        </p>
        {activity.timeUnits.every((u) => u.rules.length === 0) ? (
          <p className="mb-2">Aucune règle.</p>
        ) : (
          <ul className="mb-3 flex flex-col divide-y divide-gray-200">
            {activity.timeUnits.flatMap((u) => {
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
                  <DeleteButton id={r.id} label={`la règle « ${u.name} » / « ${r.otherUnit.name} »`} remove={deleteUnitRuleAction} />
                </li>
              ));
            })}
          </ul>
        )}
        {activity.timeUnits.length >= 2 ? (
          <SchemaForm
            schema="unitRule"
            idPrefix="regle"
            fields={unitRuleFields(activity.timeUnits)}
            resetOnSuccess
            submitLabel="Ajouter la règle"
            action={addUnitRuleAction}
            defaultValues={{ unitId: "", kind: "INCOMPATIBLE", otherUnitId: "" }}
          />
        ) : null}
      </section>
      <h3 className="mb-2 mt-6 border-t border-gray-300 pt-4 font-bold">Ajouter une unité</h3>
      <SchemaForm
        schema="timeUnit"
        idPrefix="unite"
        fields={TIME_UNIT_FIELDS}
        hidden={hidden}
        resetOnSuccess
        submitLabel="Ajouter l'unité"
        action={addTimeUnitAction}
        defaultValues={{ name: "", startTime: "", endTime: "", capacity: "" }}
      />
    </section>
  );
  const settings = (
    <section className="card" aria-labelledby="parametres">
      <h2 id="parametres" className="mb-2 text-xl font-bold">
        Paramètres
      </h2>
      <SchemaForm
        schema="activity"
        idPrefix="parametres"
        fields={activityFields(structures)}
        hidden={hidden}
        submitLabel="Enregistrer les paramètres"
        action={updateActivityAction}
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
          maxInscriptions: activity.maxInscriptions === null ? "" : String(activity.maxInscriptions),
          isPreRegistration: activity.isPreRegistration ? "oui" : "non",
        }}
      />
    </section>
  );
  return (
    <div className="page-wide">
      <PageHeader
        title={activity.name}
        breadcrumbs={[{ label: "Activités", href: "/admin/activites" }]}
        description={
          <>
            {activity.structure.name} — réservation {describeDeadline(activity.bookingDeadline)}, annulation{" "}
            {describeDeadline(activity.cancellationDeadline)}
          </>
        }
      />
      <Tabs
        label="Configuration de l'activité"
        tabs={[
          { id: "general", title: "Général et délais", content: settings },
          { id: "periodes", title: "Périodes", content: periods },
          { id: "groupes", title: "Groupes d'âge", content: groups },
          { id: "unites", title: "Unités et tarifs", content: units },
        ]}
      />
    </div>
  );
}
