import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { listQueueFilterChoices, listReservationQueue, type QueuedReservation } from "@/lib/reservations/list-reservation-queue";
import { count, formatDateTime, formatLongDate, formatMonth, isoToFrench } from "@/lib/format";
import { filterDay } from "@/lib/forms/date-ranges";
import { parisDay } from "@/lib/calendar/paris";
import { MAX_BULK } from "@/lib/bulk-schema";
import { RESERVATION_CODES, statusLabel, statusTone } from "@/lib/workflow";
import { DecisionControls } from "@/components/admin/decision-controls";
import { CancellationDecision } from "@/components/admin/cancellation-decision";
import { CancellationBatchForm, CancellationChoice } from "@/components/admin/cancellation-batch";
import { GroupDecision } from "@/components/admin/group-decision";
import { Card } from "@/components/ui/card";
import { BulkDecisionForm, SelectBox } from "@/components/admin/bulk-decision-form";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { QueueFilters } from "@/components/admin/queue-filters";
import { acceptReservationAction, decideCancellationsAction, decideReservationsAction, refuseReservationAction } from "./actions";
import { isIn, RESERVATION_STATUSES } from "@/lib/workflow/machines";
import { linkClass } from "@/components/ui/classes";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Demandes de réservation" };

/** The oldest requests first, this many at most (the filter by activity narrows the rest). */
const QUEUE_LIMIT = 500;

export default async function ReservationQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await staffPage("/admin/reservations", searchParams);
  const params = await searchParams;
  const choices = await listQueueFilterChoices();
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
  const queue = await listReservationQueue(filters, QUEUE_LIMIT);
  const filtered = Object.values(filters).some(Boolean);
  const requests = queue.filter((q) => !isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, q.status));
  const cancellations = queue.filter((q) => isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, q.status));
  // A family's requests of one month: one decision, one e-mail (the batches the desk reads).
  const batches = new Map<string, QueuedReservation[]>();
  for (const q of requests) batches.set(q.group, [...(batches.get(q.group) ?? []), q]);
  const rowsOf = (items: typeof queue, formId: string): DataRow[] =>
    items.map((q) => {
      const subject = `${q.child.firstName} ${q.child.lastName.toUpperCase()} — ${q.unit.name}, ${formatLongDate(q.day)}`;
      const full = q.availability.booked >= q.availability.capacity;
      return {
        id: q.id,
        label: subject,
        search: `${q.child.firstName} ${q.child.lastName} ${q.family.name} ${q.activity.name} ${q.unit.name}`,
        sort: { famille: `${q.family.name} ${q.day.slice(0, 7)}`, jour: q.day, envoyee: q.sentAt.getTime() },
        cells: {
          choix: isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, q.status) ? (
            <CancellationChoice formId={formId} id={q.id} label={subject} proposed={q.proposedCancellation ?? "BILLED"} />
          ) : (
            <SelectBox formId={formId} id={q.id} label={subject} />
          ),
          famille: (
            <>
              <Link href={`/admin/familles/${q.family.id}`} className={linkClass}>
                {q.family.name}
              </Link>
              <span className="block text-sm capitalize text-gray-700">{formatMonth(q.day.slice(0, 7))}</span>
            </>
          ),
          enfant: (
            <>
              {q.child.firstName} {q.child.lastName.toUpperCase()}
            </>
          ),
          jour: (
            <>
              {formatLongDate(q.day)}
              <span className="block text-sm text-gray-700">
                {q.unit.name} · {q.activity.name}
              </span>
            </>
          ),
          places: (
            <Badge tone={full ? "refused" : q.availability.capacity - q.availability.booked <= 3 ? "waiting" : "done"}>
              {q.availability.booked} / {q.availability.capacity} réservées
              {q.availability.waiting ? ` · ${q.availability.waiting} en attente` : ""}
            </Badge>
          ),
          etat: (
            <StatusBadge
              code={RESERVATION_CODES[q.status]}
              label={statusLabel("RESERVATION", q.status)}
              tone={statusTone("RESERVATION", q.status)}
            />
          ),
          envoyee: <span className="text-sm">{formatDateTime(q.sentAt)}</span>,
          decision: isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, q.status) ? (
            <CancellationDecision
              id={q.id}
              subject={subject}
              proposed={q.proposedCancellation ?? "BILLED"}
              decide={decideCancellationsAction}
            />
          ) : (
            <DecisionControls
              id={q.id}
              subject={subject}
              accept={acceptReservationAction}
              refuse={refuseReservationAction}
              acceptedMessage="Réservation validée"
              refusedMessage="Demande refusée"
            />
          ),
        },
      };
    });
  const columns = [
    { key: "choix", header: "Sélection", phoneLabel: false as const },
    { key: "famille", header: "Famille et mois", sortable: true },
    { key: "enfant", header: "Enfant", rowHeader: true },
    { key: "jour", header: "Jour et unité", sortable: true },
    { key: "places", header: "Places ce jour" },
    { key: "etat", header: "État" },
    { key: "envoyee", header: "Envoyée le", sortable: true },
    { key: "decision", header: "Décision", phoneLabel: false as const },
  ];
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
          {filtered && batches.size > 1 ? (
            <Card className="mb-4 flex flex-col gap-2">
              <p>
                <span className="font-semibold">Toutes les demandes filtrées</span> : {count(requests.length, "demande")} de{" "}
                {count(new Set(requests.map((r) => r.family.id)).size, "famille")}.
              </p>
              <GroupDecision
                ids={requests.map((r) => r.id).slice(0, MAX_BULK)}
                subject="toutes les demandes filtrées"
                what="tout"
                decide={decideReservationsAction}
              />
              {requests.length > MAX_BULK ? <p className="text-sm">Les {MAX_BULK} plus anciennes seulement, en une fois.</p> : null}
            </Card>
          ) : null}
          <h3 className="mb-2 text-lg font-bold">Par famille et par mois</h3>
          <ul className="mb-4 grid gap-2 md:grid-cols-2" aria-label="Demandes par famille et par mois">
            {[...batches.values()].map((items) => {
              const first = items[0]!;
              const subject = `${first.family.name}, ${formatMonth(first.day.slice(0, 7))}`;
              const children = [...new Set(items.map((i) => i.child.firstName))].join(", ");
              return (
                <li key={first.group}>
                  <Card className="flex flex-col gap-2">
                    <p>
                      <span className="font-semibold">{first.family.name}</span> —{" "}
                      <span className="capitalize">{formatMonth(first.day.slice(0, 7))}</span> : {count(items.length, "demande")} (
                      {children})
                    </p>
                    <GroupDecision ids={items.map((i) => i.id)} subject={subject} decide={decideReservationsAction} />
                  </Card>
                </li>
              );
            })}
          </ul>
          <BulkDecisionForm formId="lot-reservations" action={decideReservationsAction} />
          <DataTable
            caption="Demandes de réservation en attente"
            rows={rowsOf(requests, "lot-reservations")}
            filterLabel="Filtrer (enfant, famille, activité, unité)"
            columns={columns}
          />
        </>
      )}
      <h2 id="annulations" className="mb-3 mt-8 text-xl font-bold">
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
            rows={rowsOf(cancellations, "lot-annulations")}
            filterLabel="Filtrer (enfant, famille, activité, unité)"
            columns={columns}
          />
        </>
      )}
    </Page>
  );
}
