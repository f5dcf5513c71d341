import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { getOccupancy, getSlotChildren } from "@/lib/reservations/get-occupancy";
import { listQueueFilterChoices } from "@/lib/reservations/list-reservation-queue";
import { formatLongDate, formatMonth, formatShortDay } from "@/lib/format";
import { RESERVATION_CODES, statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "@/components/ui/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { LinkButton } from "@/components/ui/link-button";
import { SchemaForm } from "@/components/form/schema-form";
import { FilterForm, FilterSelect } from "@/components/admin/filter-select";
import { setCapacityOverrideAction } from "../activites/actions";
import { CancelDayForm } from "@/components/admin/cancel-day-form";
import { cancelDayAction } from "./actions";

export const metadata: Metadata = { title: "Occupation" };

export default async function OccupancyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await staffPage("/admin/occupation", searchParams);
  const params = await searchParams;
  const { activities } = await listQueueFilterChoices();
  const text = (name: string) => (typeof params[name] === "string" ? params[name] : undefined);
  const activityId = activities.some((a) => a.id === text("activite")) ? text("activite")! : activities[0]?.id;
  const occupancy = activityId ? await getOccupancy(activityId, text("mois")) : null;
  if (!occupancy) {
    return (
      <div className="page-wide">
        <PageHeader title="Occupation" breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]} />
        <EmptyState title="Aucune activité">Créez une activité pour suivre son occupation.</EmptyState>
      </div>
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

  const present = detail ? detail.booked.filter((r) => r.status !== "CANCELLED") : [];
  const cancelledRows = detail ? detail.booked.filter((r) => r.status === "CANCELLED") : [];
  const selectedLook =
    "inline-block rounded px-1 aria-[current=true]:bg-brand-soft aria-[current=true]:ring-2 aria-[current=true]:ring-brand";
  const rows: DataRow[] = occupancy.days.map((d) => ({
    id: d.day,
    label: formatLongDate(d.day),
    cells: {
      jour: <span>{formatShortDay(d.day)}</span>,
      ...Object.fromEntries(
        occupancy.units.map((u, i) => {
          if (d.closed !== null)
            return [
              u.id,
              <span key={u.id} className="inline-block px-1 text-gray-700">
                Fermé{i === 0 ? <span className="block text-xs">{d.closed}</span> : null}
              </span>,
            ];
          const cell = d.cells[i]!;
          const full = cell.booked >= cell.capacity;
          const name = `${u.name}, ${formatLongDate(d.day)}`;
          const current = unit?.id === u.id && day?.day === d.day ? "true" : undefined;
          // The reason once per day, under the first cancelled unit.
          const firstCancelled = d.cells.findIndex((c) => c.cancelled !== null) === i;
          return [
            u.id,
            cell.cancelled !== null ? (
              <Link
                href={`${here({ unite: u.id, jour: d.day })}#detail`}
                aria-current={current}
                className={`link text-gray-700 ${selectedLook}`}
                aria-label={`${name} : annulé par la structure, ${cell.cancelled}`}
              >
                Annulé{firstCancelled ? <span className="block text-xs">{cell.cancelled}</span> : null}
              </Link>
            ) : (
              <Link
                href={`${here({ unite: u.id, jour: d.day })}#detail`}
                aria-current={current}
                className={`link ${selectedLook}`}
                aria-label={`${name} : ${cell.booked} réservées sur ${cell.capacity}${cell.waiting ? `, ${cell.waiting} en attente` : ""}${full ? ", complet" : ""}`}
              >
                {cell.booked} / {cell.capacity}
                {full ? (
                  <>
                    {" "}
                    <Badge tone="refused">Complet</Badge>
                  </>
                ) : null}
                {cell.waiting ? <span className="block text-sm">{cell.waiting} en attente</span> : null}
              </Link>
            ),
          ];
        }),
      ),
    },
  }));

  return (
    <div className="page-wide">
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
              header: `${u.name} (${u.startTime.replace(":", "h")}–${u.endTime.replace(":", "h")})`,
            })),
          ]}
        />
      )}

      {detail ? (
        <section id="detail" aria-labelledby="detail-titre" className="mt-6 flex flex-col gap-4">
          <h2 id="detail-titre" tabIndex={-1} className="text-xl font-bold">
            {detail.unit.name} — {formatLongDate(detail.day)}
          </h2>
          <p>
            {detail.cell.booked} / {detail.cell.capacity} places réservées
            {detail.cell.waiting ? `, ${detail.cell.waiting} en liste d'attente` : ""}.
            {detail.cell.cancelled !== null ? (
              <>
                {" "}
                <Badge tone="closed">Annulé par la structure : {detail.cell.cancelled}</Badge>
              </>
            ) : null}
          </p>
          <div className="flex flex-wrap gap-2">
            <LinkButton
              href={`/admin/pointage?${new URLSearchParams({ activite: occupancy.activity.id, jour: detail.day, unite: detail.unit.id })}`}
              variant="secondary"
            >
              Pointage de ce jour
            </LinkButton>
          </div>
          <Card>
            <h3 className="mb-2 text-lg font-bold">Enfants ({present.length})</h3>
            {present.length === 0 ? (
              <p>Aucun enfant.</p>
            ) : (
              <ul className="flex flex-col divide-y divide-gray-200" aria-label="Enfants de ce jour">
                {present.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      {r.child.firstName} {r.child.lastName.toUpperCase()}
                      {r.group ? <span className="text-sm text-gray-700"> · {r.group}</span> : null} —{" "}
                      <Link href={`/admin/familles/${r.family.id}`} className="link">
                        {r.family.name}
                      </Link>
                    </span>
                    <StatusBadge
                      code={RESERVATION_CODES[r.status]}
                      label={statusLabel("RESERVATION", r.status)}
                      tone={statusTone("RESERVATION", r.status)}
                    />
                  </li>
                ))}
              </ul>
            )}
            {cancelledRows.length > 0 ? (
              <>
                <h3 className="mb-2 mt-4 text-lg font-bold">Annulés par la structure ({cancelledRows.length})</h3>
                <ul className="flex flex-col divide-y divide-gray-200" aria-label="Réservations annulées par la structure">
                  {cancelledRows.map((r) => (
                    <li key={r.id} className="py-2">
                      {r.child.firstName} {r.child.lastName.toUpperCase()} —{" "}
                      <Link href={`/admin/familles/${r.family.id}`} className="link">
                        {r.family.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h3 className="mb-2 mt-4 text-lg font-bold">Liste d&apos;attente ({detail.waiting.length})</h3>
            {detail.waiting.length === 0 ? (
              <p>Personne en attente.</p>
            ) : (
              <ol className="flex flex-col divide-y divide-gray-200" aria-label="Liste d'attente de ce jour">
                {detail.waiting.map((r) => (
                  <li key={r.id} className="py-2">
                    n°{r.position} : {r.child.firstName} {r.child.lastName.toUpperCase()} —{" "}
                    <Link href={`/admin/familles/${r.family.id}`} className="link">
                      {r.family.name}
                    </Link>
                  </li>
                ))}
              </ol>
            )}
          </Card>
          {detail.cell.cancelled === null ? (
            <div className="grid gap-4 md:grid-cols-2">
              <Card>
                <h3 className="mb-2 text-lg font-bold">Places de ce jour</h3>
                <p className="mb-2 text-sm">
                  Jamais moins que les places déjà réservées ; des places en plus vont aussitôt à la liste d&apos;attente, dans
                  l&apos;ordre.
                </p>
                <SchemaForm
                  schema="capacityOverride"
                  idPrefix="places-du-jour"
                  submitLabel="Enregistrer les places du jour"
                  fields={[
                    {
                      name: "capacity",
                      label: `Places le ${formatLongDate(detail.day)} pour « ${detail.unit.name} »`,
                      required: true,
                      inputMode: "numeric",
                    },
                  ]}
                  hidden={{ timeUnitId: detail.unit.id, date: detail.day }}
                  defaultValues={{ capacity: String(detail.cell.capacity) }}
                  action={setCapacityOverrideAction}
                />
              </Card>
              <Card>
                <h3 className="mb-2 text-lg font-bold">Annuler l&apos;accueil de ce jour</h3>
                <p className="mb-2 text-sm">
                  Grève, sortie, fermeture décidée tard : les réservations et les demandes du jour sont annulées par la structure, jamais
                  facturées ; la liste d&apos;attente est vidée, chaque famille reçoit un e-mail et le jour est fermé sur tous les
                  calendriers. Impossible pour un jour déjà facturé.
                </p>
                <CancelDayForm
                  activityId={occupancy.activity.id}
                  day={detail.day}
                  dayLabel={formatLongDate(detail.day)}
                  units={occupancy.units}
                  defaultUnitId={detail.unit.id}
                  cancel={cancelDayAction}
                />
              </Card>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
