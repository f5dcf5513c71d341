import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import {
  countPendingRenewals,
  INSCRIPTION_QUEUE_SORTS,
  listActivityFilters,
  listInscriptionQueue,
} from "@/lib/inscriptions/list-inscriptions";
import { pageParam, QUEUE_PAGE_SIZE, searchWords, sortParam } from "@/lib/staff/paging";
import { hrefWith, Pager } from "@/components/ui/pager";
import { count, formatCalendarDate, formatDateTime } from "@/lib/format";
import { ageLabel } from "@/lib/format-age";
import { BulkDecisionForm } from "@/components/admin/bulk-decision-form";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { InscriptionTable, type InscriptionRow } from "@/components/admin/inscription-queue/inscription-table";
import { QueueFilters } from "@/components/admin/queue-filters";
import { validateInscriptionAction, decideInscriptionsAction, decideRenewalsAction, refuseInscriptionAction } from "./actions";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Demandes d'inscription" };

export default async function InscriptionQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await staffPage("/admin/inscriptions", searchParams);
  const params = await searchParams;
  const activityId = typeof params.activite === "string" && params.activite ? params.activite : undefined;
  const periodId = typeof params.periode === "string" && params.periode ? params.periode : undefined;
  const words = searchWords(params);
  const renewals = params.reinscriptions === "1";
  const sort = sortParam(params, INSCRIPTION_QUEUE_SORTS);
  // One page of the queue, searched and sorted in the database (ADR 043).
  const [queue, activities, renewalCount] = await Promise.all([
    listInscriptionQueue({ activityId, periodId, words, renewals }, staff.scope, {
      page: pageParam(params),
      pageSize: QUEUE_PAGE_SIZE,
      sort,
    }),
    listActivityFilters(staff.scope),
    countPendingRenewals(staff.scope),
  ]);
  const here = (changes: Record<string, string | number | undefined>) => hrefWith("/admin/inscriptions", params, changes);
  const sortHref = Object.fromEntries(
    INSCRIPTION_QUEUE_SORTS.map((key) => [
      key,
      `${here({ tri: key, ordre: sort?.key === key && !sort.desc ? "desc" : undefined, page: undefined })}#file-attente`,
    ]),
  );
  const periods = activities.find((a) => a.id === activityId)?.periods ?? [];
  // The rows as words, drawn by one client table (ADR 047).
  const rows: InscriptionRow[] = queue.items.map((inscription) => ({
    id: inscription.id,
    child: `${inscription.child.firstName} ${inscription.child.lastName.toUpperCase()}`,
    childName: `${inscription.child.firstName} ${inscription.child.lastName}`,
    age: ageLabel(inscription.child.birthDate),
    family: inscription.family,
    activity: inscription.activity.name,
    period: `${inscription.isRenewal ? "Réinscription · " : ""}${inscription.period.name}${inscription.ageGroup ? ` · ${inscription.ageGroup.name}` : ""} · du ${formatCalendarDate(inscription.startDate)} au ${formatCalendarDate(inscription.endDate)}`,
    ...(inscription.placesLeft === null
      ? {}
      : {
          places: [
            inscription.placesLeft === 0 ? "complet" : count(inscription.placesLeft, "place restante", "places restantes"),
            inscription.placesLeft === 0 ? "refused" : inscription.placesLeft <= 3 ? "waiting" : "done",
          ] as InscriptionRow["places"],
        }),
    status: [
      inscription.marker.symbol,
      `${inscription.marker.label}${inscription.position ? ` (position ${inscription.position})` : ""}`,
      inscription.marker.tone,
    ],
    sent: formatDateTime(inscription.createdAt),
    ...(inscription.waitsBehind ? { waitsBehind: inscription.waitsBehind } : {}),
  }));
  return (
    <Page width="wide">
      <PageHeader
        title="Demandes d'inscription"
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
        description="Les plus anciennes d'abord. Valider une demande en liste d'attente n'est possible que s'il reste une place."
      />
      <nav aria-label="Demandes à afficher" className="mb-4">
        <ul className="flex flex-wrap gap-2">
          <li>
            <Link
              href={here({ reinscriptions: undefined, page: undefined })}
              aria-current={renewals ? undefined : "page"}
              className={cn(buttonVariants({ variant: renewals ? "secondary" : "primary" }))}
            >
              Toutes les demandes
            </Link>
          </li>
          <li>
            <Link
              href={here({ reinscriptions: "1", page: undefined })}
              aria-current={renewals ? "page" : undefined}
              className={cn(buttonVariants({ variant: renewals ? "primary" : "secondary" }))}
            >
              Réinscriptions ({renewalCount})
            </Link>
          </li>
        </ul>
      </nav>
      {renewals ? (
        <p className="mb-4 text-sm text-gray-800">
          Les demandes envoyées par « Réinscrire » : validées ensemble, chaque famille reçoit un seul e-mail pour tous ses enfants.
        </p>
      ) : null}
      <QueueFilters
        activities={activities}
        activityId={activityId}
        periods={periods}
        periodId={periodId}
        search={{ label: "Rechercher (enfant, famille, activité)", value: words.join(" ") }}
        keep={renewals ? { reinscriptions: "1" } : undefined}
      />
      {queue.total === 0 ? (
        <EmptyState title={renewals ? "Aucune réinscription en attente" : "Aucune demande en attente"}>
          Les nouvelles demandes d&apos;inscription apparaîtront ici.
        </EmptyState>
      ) : (
        <>
          <BulkDecisionForm formId="lot-inscriptions" action={renewals ? decideRenewalsAction : decideInscriptionsAction} />
          <h2 id="file-attente" tabIndex={-1} className="mb-3 text-xl font-bold">
            {renewals ? "Réinscriptions en attente" : "En attente"} ({queue.total})
          </h2>
          <InscriptionTable
            formId="lot-inscriptions"
            rows={rows}
            actions={{ accept: validateInscriptionAction, refuse: refuseInscriptionAction }}
            server={{ sort, sortHref }}
          />
          <Pager
            label="Demandes d'inscription"
            noun="demandes"
            {...queue}
            href={(n) => `${here({ page: n === 1 ? undefined : n })}#file-attente`}
          />
        </>
      )}
    </Page>
  );
}
