import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { getOccupancy, getSlotChildren } from "@/lib/reservations/get-occupancy";
import { listQueueFilterChoices } from "@/lib/reservations/list-reservation-queue";
import { formatHours, formatMonth } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { LinkButton } from "@/components/ui/link-button";
import { FilterForm, FilterSelect } from "@/components/admin/filter-select";
import { occupancyRows } from "@/components/admin/occupancy/occupancy-rows";
import { SlotDetail } from "@/components/admin/occupancy/slot-detail";
import { setCapacityOverrideAction } from "../activites/actions";
import { cancelDayAction } from "./actions";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Occupation" };

/** « Occupation »: an activity's month, unit by unit, and the chosen slot's detail; the parts are in components/admin/occupancy. */
export default async function OccupancyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffPage("/admin/occupation", searchParams);
  const params = await searchParams;
  const { activities } = await listQueueFilterChoices(staff.scope);
  const text = (name: string) => (typeof params[name] === "string" ? params[name] : undefined);
  const activityId = activities.some((a) => a.id === text("activite")) ? text("activite")! : activities[0]?.id;
  const occupancy = activityId ? await getOccupancy(activityId, text("mois")) : null;
  if (!occupancy) {
    return (
      <Page width="wide">
        <PageHeader title="Occupation" breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]} />
        <EmptyState title="Aucune activité">Créez une activité pour suivre son occupation.</EmptyState>
      </Page>
    );
  }
  const here = (extra: Record<string, string>) =>
    `/admin/occupation?${new URLSearchParams({ activite: occupancy.activity.id, mois: occupancy.month, ...extra })}`;
  const unit = occupancy.units.find((u) => u.id === text("unite"));
  const day = occupancy.days.find((d) => d.day === text("jour") && d.closed === null);
  const detail =
    unit && day
      ? { unit, day: day.day, cell: day.cells[occupancy.units.indexOf(unit)]!, ...(await getSlotChildren(unit.id, day.day)) }
      : null;
  const rows = occupancyRows(occupancy, here, { unitId: unit?.id, day: day?.day });

  return (
    <Page width="wide">
      <PageHeader
        title="Occupation"
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
        description="Pour chaque jour d'ouverture et chaque unité : places réservées / places du jour, et la liste d'attente. Choisissez une case pour voir les enfants, changer les places du jour ou annuler l'accueil."
      />
      <FilterForm label="Activité et mois">
        <FilterSelect id="occupation-activite" name="activite" label="Activité" value={occupancy.activity.id} choices={activities} wide />
        <input type="hidden" name="mois" value={occupancy.month} />
      </FilterForm>
      <nav aria-label="Mois" className="mb-3 flex flex-wrap items-center gap-3">
        {occupancy.previous ? (
          <LinkButton href={here({ mois: occupancy.previous })} variant="secondary">
            ← <span className="capitalize">{formatMonth(occupancy.previous)}</span>
          </LinkButton>
        ) : null}
        <h2 className="text-xl font-bold capitalize">{formatMonth(occupancy.month)}</h2>
        {occupancy.next ? (
          <LinkButton href={here({ mois: occupancy.next })} variant="secondary">
            <span className="capitalize">{formatMonth(occupancy.next)}</span> →
          </LinkButton>
        ) : null}
      </nav>
      {occupancy.days.length === 0 ? (
        <EmptyState title="Aucun jour d'ouverture ce mois-ci">
          Les jours d&apos;ouverture se règlent dans les périodes de l&apos;activité.
        </EmptyState>
      ) : (
        <DataTable
          caption={`Occupation — ${occupancy.activity.name}, ${formatMonth(occupancy.month)}`}
          rows={rows}
          pageSize={31}
          columns={[
            { key: "jour", header: "Jour", rowHeader: true },
            ...occupancy.units.map((u) => ({
              key: u.id,
              header: `${u.name} (${formatHours(u.startTime, u.endTime)})`,
            })),
          ]}
        />
      )}

      {detail ? (
        <SlotDetail occupancy={occupancy} detail={detail} setCapacity={setCapacityOverrideAction} cancelDay={cancelDayAction} />
      ) : null}
    </Page>
  );
}
