import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import {
  listFamilyMonthBatches,
  listFilteredRequests,
  listQueueFilterChoices,
  pageReservationQueue,
  QUEUE_SORTS,
} from "@/lib/reservations/list-reservation-queue";
import { pageParam, QUEUE_PAGE_SIZE, searchWords, sortParam } from "@/lib/staff/paging";
import { MAX_BULK } from "@/lib/bulk-schema";
import { hrefWith, Pager } from "@/components/ui/pager";
import { isoToFrench } from "@/lib/format";
import { filterDay } from "@/lib/forms/date-ranges";
import { parisDay } from "@/lib/calendar/paris";
import { CancellationBatchForm } from "@/components/admin/cancellation-batch";
import { BulkDecisionForm } from "@/components/admin/bulk-decision-form";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { QueueFilters } from "@/components/admin/queue-filters";
import { queueRowData } from "@/components/admin/reservation-queue/queue-rows";
import { QueueTable, type QueueRowActions } from "@/components/admin/reservation-queue/queue-table";
import { FamilyMonthBatches } from "@/components/admin/reservation-queue/family-month-batches";
import { acceptReservationAction, decideCancellationsAction, decideReservationsAction, refuseReservationAction } from "./actions";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Demandes de réservation" };

const ROW_ACTIONS: QueueRowActions = {
  accept: acceptReservationAction,
  refuse: refuseReservationAction,
  decideCancellations: decideCancellationsAction,
};

/**
 * « Demandes de réservation »: the requests (by family and month, then one by one) and the cancellations; parts in
 * components/admin/reservation-queue. Each list is one page of 25 read in the database (`page`, `page-annulations`),
 * searched (`q`) and sorted (`tri`, `ordre`) there too, the filters kept in every link (ADR 043).
 */
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
  const words = searchWords(params);
  const sort = sortParam(params, QUEUE_SORTS);
  const filtered = Object.values(filters).some(Boolean) || words.length > 0;
  const [requests, cancellations] = await Promise.all([
    pageReservationQueue(filters, staff.scope, { kind: "requests", page: pageParam(params), pageSize: QUEUE_PAGE_SIZE, words, sort }),
    pageReservationQueue(filters, staff.scope, {
      kind: "cancellations",
      page: pageParam(params, "page-annulations"),
      // Under the requests, fewer at once: the page stays light with both lists on it.
      pageSize: QUEUE_PAGE_SIZE / 2,
      words,
      sort,
    }),
  ]);
  // A family's requests of one month: one decision, one e-mail (the batches of the families on this page).
  const [batches, all] = await Promise.all([
    listFamilyMonthBatches(filters, staff.scope, [...new Set(requests.items.map((q) => q.family.id))], words),
    filtered && requests.total > 1 ? listFilteredRequests(filters, staff.scope, MAX_BULK, words) : null,
  ]);
  const here = (changes: Record<string, string | number | undefined>) => hrefWith("/admin/reservations", params, changes);
  const sortHref = (anchor: string, pageName: string) =>
    Object.fromEntries(
      QUEUE_SORTS.map((key) => [
        key,
        `${here({ tri: key, ordre: sort?.key === key && !sort.desc ? "desc" : undefined, [pageName]: undefined })}#${anchor}`,
      ]),
    );
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
        search={{ label: "Rechercher (enfant, famille, activité, unité)", value: words.join(" ") }}
      />
      <h2 id="file-attente" tabIndex={-1} className="mb-3 text-xl font-bold">
        Demandes de réservation ({requests.total})
      </h2>
      {requests.total === 0 ? (
        <EmptyState title="Aucune demande de réservation en attente">Les demandes des familles apparaîtront ici.</EmptyState>
      ) : (
        <>
          <FamilyMonthBatches total={requests.total} all={all} batches={batches} decide={decideReservationsAction} />
          <BulkDecisionForm formId="lot-reservations" action={decideReservationsAction} />
          <QueueTable
            caption="Demandes de réservation en attente"
            formId="lot-reservations"
            rows={queueRowData(requests.items)}
            actions={ROW_ACTIONS}
            server={{ sort, sortHref: sortHref("file-attente", "page") }}
          />
          <Pager
            label="Demandes de réservation"
            noun="demandes"
            {...requests}
            href={(n) => `${here({ page: n === 1 ? undefined : n })}#file-attente`}
          />
        </>
      )}
      <h2 id="annulations" tabIndex={-1} className="mb-3 mt-8 text-xl font-bold">
        Demandes d&apos;annulation ({cancellations.total})
      </h2>
      {cancellations.total === 0 ? (
        <EmptyState title="Aucune demande d'annulation en attente">
          Les demandes d&apos;annulation (DA) apparaîtront ici, avec la décision que propose le délai d&apos;annulation.
        </EmptyState>
      ) : (
        <>
          <CancellationBatchForm formId="lot-annulations" decide={decideCancellationsAction} />
          <QueueTable
            caption="Demandes d'annulation en attente"
            formId="lot-annulations"
            rows={queueRowData(cancellations.items)}
            actions={ROW_ACTIONS}
            server={{ sort, sortHref: sortHref("annulations", "page-annulations") }}
          />
          <Pager
            label="Demandes d'annulation"
            noun="demandes"
            {...cancellations}
            href={(n) => `${here({ "page-annulations": n === 1 ? undefined : n })}#annulations`}
          />
        </>
      )}
    </Page>
  );
}
