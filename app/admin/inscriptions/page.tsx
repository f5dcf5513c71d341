import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { INSCRIPTION_QUEUE_SORTS, listActivityFilters, listInscriptionQueue } from "@/lib/inscriptions/list-inscriptions";
import { pageParam, QUEUE_PAGE_SIZE, searchWords, sortParam } from "@/lib/staff/paging";
import { hrefWith, Pager } from "@/components/ui/pager";
import { count, formatCalendarDate, formatDateTime } from "@/lib/format";
import { ageLabel } from "@/lib/format-age";
import { DecisionControls } from "@/components/admin/decision-controls";
import { BulkDecisionForm, SelectBox } from "@/components/admin/bulk-decision-form";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { QueueFilters } from "@/components/admin/queue-filters";
import { validateInscriptionAction, decideInscriptionsAction, refuseInscriptionAction } from "./actions";
import { linkClass } from "@/components/ui/classes";
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
  const sort = sortParam(params, INSCRIPTION_QUEUE_SORTS);
  // One page of the queue, searched and sorted in the database (ADR 043).
  const [queue, activities] = await Promise.all([
    listInscriptionQueue({ activityId, periodId, words }, staff.scope, { page: pageParam(params), pageSize: QUEUE_PAGE_SIZE, sort }),
    listActivityFilters(staff.scope),
  ]);
  const here = (changes: Record<string, string | number | undefined>) => hrefWith("/admin/inscriptions", params, changes);
  const sortHref = Object.fromEntries(
    INSCRIPTION_QUEUE_SORTS.map((key) => [
      key,
      `${here({ tri: key, ordre: sort?.key === key && !sort.desc ? "desc" : undefined, page: undefined })}#file-attente`,
    ]),
  );
  const periods = activities.find((a) => a.id === activityId)?.periods ?? [];
  const rows: DataRow[] = queue.items.map((inscription) => {
    const subject = `inscription de ${inscription.child.firstName} ${inscription.child.lastName} — ${inscription.activity.name}`;
    return {
      id: inscription.id,
      label: subject,
      cells: {
        choix: <SelectBox formId="lot-inscriptions" id={inscription.id} label={subject} />,
        enfant: (
          <>
            {inscription.child.firstName} {inscription.child.lastName.toUpperCase()}
            <span className="block text-sm font-normal text-gray-700">
              {ageLabel(inscription.child.birthDate)} ·{" "}
              <Link href={`/admin/familles/${inscription.family.id}`} className={linkClass}>
                {inscription.family.name}
              </Link>
            </span>
          </>
        ),
        activite: (
          <>
            {inscription.activity.name}
            <span className="block text-sm text-gray-700">
              {inscription.period.name}
              {inscription.ageGroup ? ` · ${inscription.ageGroup.name}` : ""} · du {formatCalendarDate(inscription.startDate)} au{" "}
              {formatCalendarDate(inscription.endDate)}
            </span>
          </>
        ),
        places:
          inscription.placesLeft === null ? (
            <span className="text-gray-700">sans limite</span>
          ) : (
            <Badge tone={inscription.placesLeft === 0 ? "refused" : inscription.placesLeft <= 3 ? "waiting" : "done"}>
              {inscription.placesLeft === 0 ? "complet" : count(inscription.placesLeft, "place restante", "places restantes")}
            </Badge>
          ),
        etat: (
          <StatusBadge
            code={inscription.marker.symbol}
            label={`${inscription.marker.label}${inscription.position ? ` (position ${inscription.position})` : ""}`}
            tone={inscription.marker.tone}
          />
        ),
        envoyee: <span className="text-sm">{formatDateTime(inscription.createdAt)}</span>,
        decision: (
          <DecisionControls
            id={inscription.id}
            subject={subject}
            accept={validateInscriptionAction}
            refuse={refuseInscriptionAction}
            acceptedMessage="Inscription validée"
            acceptNeedsReason={
              inscription.waitsBehind
                ? {
                    description: `${inscription.waitsBehind} attend avant cette demande dans la liste d'attente du même groupe. Dites pourquoi vous passez devant : le motif est gardé dans l'historique.`,
                    reasonLabel: "Motif (passer devant la liste d'attente)",
                  }
                : undefined
            }
            refusedMessage="Inscription refusée"
          />
        ),
      },
    };
  });
  return (
    <Page width="wide">
      <PageHeader
        title="Demandes d'inscription"
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
        description="Les plus anciennes d'abord. Valider une demande en liste d'attente n'est possible que s'il reste une place."
      />
      <QueueFilters
        activities={activities}
        activityId={activityId}
        periods={periods}
        periodId={periodId}
        search={{ label: "Rechercher (enfant, famille, activité)", value: words.join(" ") }}
      />
      {queue.total === 0 ? (
        <EmptyState title="Aucune demande en attente">Les nouvelles demandes d&apos;inscription apparaîtront ici.</EmptyState>
      ) : (
        <>
          <BulkDecisionForm formId="lot-inscriptions" action={decideInscriptionsAction} />
          <h2 id="file-attente" tabIndex={-1} className="mb-3 text-xl font-bold">
            En attente ({queue.total})
          </h2>
          <DataTable
            caption="Demandes d'inscription en attente"
            rows={rows}
            server={{ sort, sortHref }}
            columns={[
              { key: "choix", header: "Sélection", phoneLabel: false },
              { key: "enfant", header: "Enfant", sortable: true, rowHeader: true },
              { key: "activite", header: "Activité", sortable: true },
              { key: "places", header: "Places" },
              { key: "etat", header: "État" },
              { key: "envoyee", header: "Envoyée le", sortable: true },
              { key: "decision", header: "Décision", phoneLabel: false },
            ]}
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
