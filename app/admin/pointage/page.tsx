import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { countExpected, getAttendanceSheet } from "@/lib/reservations/get-attendance-sheet";
import { listAttendanceChoices } from "@/lib/reservations/list-attendance-choices";
import { listWalkInCandidates } from "@/lib/reservations/add-walk-in";
import { filterDay } from "@/lib/forms/date-ranges";
import { parisDay, dateOf } from "@/lib/calendar/paris";
import { ageLabel } from "@/lib/format-age";
import { formatHours, formatLongDate, isoToFrench } from "@/lib/format";
import { RESERVATION_CODES, statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { SchemaForm } from "@/components/form/schema-form";
import { AttendanceForm, type AttendanceChild, type SheetStatus } from "@/components/admin/attendance-form";
import { FilterDay, FilterForm, FilterSelect } from "@/components/admin/filter-select";
import { addWalkInAction, recordAttendanceAction } from "./actions";
import { isIn, RESERVATION_STATUSES } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Pointage" };

export default async function AttendancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffPage("/admin/pointage", searchParams);
  const params = await searchParams;
  const text = (name: string) => (typeof params[name] === "string" ? params[name] : undefined);
  const activities = await listAttendanceChoices(staff.scope);
  const activity = activities.find((a) => a.id === text("activite")) ?? activities[0];
  const day = filterDay(text("jour"), parisDay(new Date())) ?? parisDay(new Date());
  // Without a unit asked, the first one with children expected that day (else the first one).
  const expected = activity ? await countExpected(activity.id, day) : new Map<string, number>();
  const unit =
    activity?.units.find((u) => u.id === text("unite")) ?? activity?.units.find((u) => (expected.get(u.id) ?? 0) > 0) ?? activity?.units[0];
  const group = activity?.groups.find((g) => g.id === text("groupe"));
  const sheet =
    activity && unit
      ? await getAttendanceSheet({ activityId: activity.id, day, timeUnitId: unit.id, ageGroupId: group?.id, scope: staff.scope })
      : null;
  const candidates =
    activity && unit ? await listWalkInCandidates({ activityId: activity.id, day, timeUnitId: unit.id, scope: staff.scope }) : [];
  const future = day > parisDay(new Date());
  // The statuses once, each child pointing to one (ADR 047: the sheet as compact data).
  const statuses: SheetStatus[] = [];
  const statusIndex = new Map<string, number>();
  const children: AttendanceChild[] = (sheet?.children ?? []).map((c) => {
    if (!statusIndex.has(c.status)) {
      statusIndex.set(c.status, statuses.length);
      statuses.push([RESERVATION_CODES[c.status], statusLabel("RESERVATION", c.status), statusTone("RESERVATION", c.status)]);
    }
    const guardians = c.family.guardians.flatMap((g): [string, string][] => {
      const phone = g.mobilePhone ?? g.homePhone;
      return phone ? [[`${g.firstName} ${g.lastName.toUpperCase()}`, phone]] : [];
    });
    // Only what is set: 150 children's data travel in the page (ADR 043, 047).
    return {
      id: c.id,
      name: `${c.child.firstName} ${c.child.lastName.toUpperCase()}`,
      detail: [ageLabel(c.child.birthDate, dateOf(day)), c.group, c.family.name].filter(Boolean).join(" · "),
      status: statusIndex.get(c.status)!,
      ...(c.proposed ? { proposed: c.proposed } : {}),
      ...(c.cancellationRequested ? { cancellationRequested: true } : {}),
      ...(c.locked ? { locked: true } : {}),
      ...(isIn(RESERVATION_STATUSES.POINTED, c.status) ? { pointed: true } : {}),
      ...(c.cancelledInTime ? { cancelledInTime: true } : {}),
      ...(c.child.hasAllergies ? { allergies: c.child.allergyNotes ?? "" } : {}),
      ...(c.child.hasPai ? { pai: true } : {}),
      ...(c.child.meal ? { meal: `${c.child.meal}${c.child.dietNotes ? ` (${c.child.dietNotes})` : ""}` } : {}),
      ...(c.child.photoConsent ? { photos: true } : {}),
      ...(c.child.canLeaveAlone ? { leavesAlone: true } : {}),
      ...(c.child.authorizedPersons.length > 0
        ? { authorized: c.child.authorizedPersons.map((p): [string, string, string] => [p.fullName, p.relationship, p.phone]) }
        : {}),
      ...(guardians.length > 0 ? { guardians } : {}),
    };
  });
  const query = (extra: Record<string, string>) => new URLSearchParams({ activite: activity?.id ?? "", ...extra }).toString();
  return (
    <Page width="wide">
      <PageHeader
        title="Pointage"
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
        description="Les enfants attendus d'un jour, d'une unité (et d'un groupe), avec ce que l'équipe doit savoir à l'accueil. Aucun enfant n'est pointé d'avance : marquez chacun présent ou absent (« Tous présents » marque d'un coup ceux qui ne le sont pas encore), puis enregistrez."
      />
      {!activity ? (
        <EmptyState title="Aucune activité">Créez une activité pour pointer ses présences.</EmptyState>
      ) : (
        <>
          <FilterForm
            label="Jour, unité et groupe"
            footer={
              <p id="pointage-jour-format" className="basis-full text-sm text-gray-700">
                Jour au format jj/mm/aaaa.
              </p>
            }
          >
            <FilterSelect id="pointage-activite" name="activite" label="Activité" value={activity.id} choices={activities} wide />
            <FilterDay id="pointage-jour" name="jour" label="Jour" value={isoToFrench(day)} describedBy="pointage-jour-format" />
            {activity.units.length > 0 ? (
              <FilterSelect
                id="pointage-unite"
                name="unite"
                label="Unité"
                value={unit?.id}
                choices={activity.units.map((u) => ({ id: u.id, name: `${u.name} (${expected.get(u.id) ?? 0})` }))}
              />
            ) : null}
            {activity.groups.length > 0 ? (
              <FilterSelect id="pointage-groupe" name="groupe" label="Groupe" value={group?.id} choices={activity.groups} any="Tous" />
            ) : null}
          </FilterForm>
          {!sheet ? (
            <EmptyState title="Aucune unité">Ajoutez des unités à l&apos;activité pour pointer.</EmptyState>
          ) : (
            <section aria-labelledby="feuille">
              <h2 id="feuille" className="mb-1 text-xl font-bold">
                {sheet.unit.name} ({formatHours(sheet.unit.startTime, sheet.unit.endTime)}), {formatLongDate(day)}
                {group ? `, ${group.name}` : ""}
              </h2>
              <p className="mb-1 text-gray-800">{sheet.activityName}</p>
              <p className="mb-3">
                {children.length} enfant{children.length > 1 ? "s" : ""} attendu{children.length > 1 ? "s" : ""}.
              </p>
              <div className="print:hidden mb-3 flex flex-wrap gap-2">
                <LinkButton href={`/admin/pointage/export?${query({ jour: day })}`} variant="secondary">
                  Exporter le jour (CSV)
                </LinkButton>
                <LinkButton href={`/admin/pointage/export?${query({ mois: day.slice(0, 7) })}`} variant="secondary">
                  Exporter le mois (CSV)
                </LinkButton>
              </div>
              {future ? (
                <p className="mb-3 font-semibold">
                  Ce jour n&apos;est pas encore arrivé : la liste est celle des enfants attendus ; le pointage se fait le jour même.
                </p>
              ) : null}
              {children.length === 0 ? (
                <EmptyState title="Aucun enfant attendu">Aucune réservation ce jour pour cette unité.</EmptyState>
              ) : (
                <AttendanceForm
                  hidden={{ activityId: activity.id, date: day, timeUnitId: sheet.unit.id }}
                  expected={children}
                  statuses={statuses}
                  record={recordAttendanceAction}
                  readOnly={future}
                />
              )}
              {!future && candidates.length > 0 ? (
                <Card className="print:hidden mt-6">
                  <h3 className="mb-2 text-lg font-bold">Enfant présent sans réservation</h3>
                  <p className="mb-2 text-sm">
                    Un enfant inscrit venu sans réservation : il est ajouté et pointé présent, s&apos;il reste une place.
                  </p>
                  <SchemaForm
                    schema="walkIn"
                    idPrefix="sans-reservation"
                    submitLabel="Ajouter présent"
                    fields={[
                      {
                        name: "inscriptionId",
                        label: "Enfant",
                        type: "select",
                        required: true,
                        options: [
                          { value: "", label: "Choisissez un enfant" },
                          ...candidates.map((c) => ({ value: c.inscriptionId, label: c.name })),
                        ],
                      },
                    ]}
                    hidden={{ activityId: activity.id, date: day, timeUnitId: sheet.unit.id }}
                    defaultValues={{ inscriptionId: "" }}
                    action={addWalkInAction}
                  />
                </Card>
              ) : null}
            </section>
          )}
        </>
      )}
    </Page>
  );
}
