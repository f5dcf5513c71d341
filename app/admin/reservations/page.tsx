import { isIn, RESERVATION_STATUSES } from "@/lib/workflow/machines";
import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { listQueueFilterChoices, listReservationQueue, type QueuedReservation } from "@/lib/reservations/list-reservation-queue";
import { isoToFrench } from "@/lib/format";
import { filterDay } from "@/lib/forms/date-ranges";
import { parisDay } from "@/lib/calendar/paris";
import { CancellationBatchForm } from "@/components/admin/cancellation-batch";
import { BulkDecisionForm } from "@/components/admin/bulk-decision-form";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { QueueFilters } from "@/components/admin/queue-filters";
import { QUEUE_COLUMNS, queueRows, type QueueRowActions } from "@/components/admin/reservation-queue/queue-rows";
import { FamilyMonthBatches } from "@/components/admin/reservation-queue/family-month-batches";
import { acceptReservationAction, decideCancellationsAction, decideReservationsAction, refuseReservationAction } from "./actions";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Demandes de réservation" };

/** The oldest requests first, this many at most (the filter by activity narrows the rest). */
const QUEUE_LIMIT = 500;

const ROW_ACTIONS: QueueRowActions = {
  accept: acceptReservationAction,
  refuse: refuseReservationAction,
  decideCancellations: decideCancellationsAction,
};

/** « Demandes de réservation »: the requests (by family and month, then one by one) and the cancellations; parts in components/admin/reservation-queue. */
export default async function ReservationQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await staffPage("/admin/reservations", searchParams);
  const params = await searchParams;
  const choices = await listQueueFilterChoices(staff.scope);
  // Only an id the filters offer is used (a hand-typed URL narrows nothing it should not).
  const pick = (name: string, among: { id: string }[]) => {
    const value = params[name];
    return typeof value === "string" && among.some((c) => c.id === value) ? value : undefined;
  };
  const today = parisDay(new Date());
  const day = (name: string) => (typeof params[name] === "string" ? filterDay(params[name], today) : undefined);
  const filters = {
    structureId: pick("structure", choices.structures),
    activityId: pick("activite", choices.activities),
    timeUnitId: pick("unite", choices.units),
    from: day("du"),
    to: day("au"),
  };
  const queue = await listReservationQueue(filters, staff.scope, QUEUE_LIMIT);
  const filtered = Object.values(filters).some(Boolean);
  const requests = queue.filter((q) => !isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, q.status));
  const cancellations = queue.filter((q) => isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, q.status));
  // A family's requests of one month: one decision, one e-mail (the batches the desk reads).
  const batches = new Map<string, QueuedReservation[]>();
  for (const q of requests) batches.set(q.group, [...(batches.get(q.group) ?? []), q]);
  return (
    <Page width="wide">
      <PageHeader
        title="Demandes de réservation"
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
        description="Les plus anciennes d'abord, avec les places du jour : une demande de réservation (DR) garde sa place jusqu'à votre décision ; une demande en liste d'attente n'est validée que s'il reste une place. Chaque famille reçoit un e-mail par décision."
      />
      <QueueFilters
        structures={choices.structures}
        structureId={filters.structureId}
        activities={choices.activities}
        activityId={filters.activityId}
        units={filters.activityId ? choices.units.filter((u) => u.activityId === filters.activityId) : choices.units}
        unitId={filters.timeUnitId}
        days={{ from: filters.from ? isoToFrench(filters.from) : undefined, to: filters.to ? isoToFrench(filters.to) : undefined }}
      />
      <h2 id="file-attente" tabIndex={-1} className="mb-3 text-xl font-bold">
        Demandes de réservation ({requests.length})
      </h2>
      {queue.length === QUEUE_LIMIT ? (
        <p className="mb-3 text-sm text-gray-800">
          Les {QUEUE_LIMIT} demandes les plus anciennes sont affichées : filtrez (activité, unité, dates) pour voir les suivantes.
        </p>
      ) : null}
      {requests.length === 0 ? (
        <EmptyState title="Aucune demande de réservation en attente">Les demandes des familles apparaîtront ici.</EmptyState>
      ) : (
        <>
          <FamilyMonthBatches requests={requests} batches={batches} filtered={filtered} decide={decideReservationsAction} />
          <BulkDecisionForm formId="lot-reservations" action={decideReservationsAction} />
          <DataTable
            caption="Demandes de réservation en attente"
            rows={queueRows(requests, "lot-reservations", ROW_ACTIONS)}
            filterLabel="Filtrer (enfant, famille, activité, unité)"
            columns={QUEUE_COLUMNS}
          />
        </>
      )}
      <h2 id="annulations" tabIndex={-1} className="mb-3 mt-8 text-xl font-bold">
        Demandes d&apos;annulation ({cancellations.length})
      </h2>
      {cancellations.length === 0 ? (
        <EmptyState title="Aucune demande d'annulation en attente">
          Les demandes d&apos;annulation (DA) apparaîtront ici, avec la décision que propose le délai d&apos;annulation.
        </EmptyState>
      ) : (
        <>
          <CancellationBatchForm formId="lot-annulations" decide={decideCancellationsAction} />
          <DataTable
            caption="Demandes d'annulation en attente"
            rows={queueRows(cancellations, "lot-annulations", ROW_ACTIONS)}
            filterLabel="Filtrer (enfant, famille, activité, unité)"
            columns={QUEUE_COLUMNS}
          />
        </>
      )}
    </Page>
  );
}
