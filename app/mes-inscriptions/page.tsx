import type { Metadata } from "next";
import { CalendarDays, Download, Plus } from "lucide-react";
import { parentPage } from "@/lib/auth/session";
import { listFamilyInscriptions } from "@/lib/inscriptions/list-inscriptions";
import { MARKER_LEGEND } from "@/lib/inscriptions/markers";
import { formatCalendarDate } from "@/lib/format";
import { FlashMessage } from "@/components/ui/toast";
import { PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/link-button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { buttonVariants } from "@/components/ui/button";
import { WithdrawButton } from "@/components/inscriptions/withdraw-button";
import { withdrawInscriptionAction } from "./actions";
import { INSCRIPTION_STATUSES, isIn } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Mes inscriptions" };

export default async function MyInscriptionsPage() {
  const user = await parentPage("/mes-inscriptions");
  const inscriptions = await listFamilyInscriptions(user.familyId, "PARENT");
  const newButton = (
    <LinkButton href="/mes-inscriptions/nouvelle">
      <Plus aria-hidden="true" className="size-5" /> Nouvelle inscription
    </LinkButton>
  );
  return (
    <Page>
      <PageHeader
        title="Mes inscriptions"
        actions={newButton}
        description={
          <>
            <strong>Ne pas confondre :</strong> l&apos;inscription inscrit votre enfant à une activité pour une période ; une fois validée,
            vous pourrez réserver les jours.
          </>
        }
      />
      <FlashMessage />
      {inscriptions.length === 0 ? (
        <EmptyState title="Aucune inscription pour le moment">
          Commencez par « Nouvelle inscription » : choisissez l&apos;enfant, puis l&apos;activité et la période.
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-3">
          {inscriptions.map((inscription) => {
            const title = `${inscription.child.firstName} — ${inscription.activity.name}`;
            return (
              <li key={inscription.id}>
                <Card>
                  <article aria-label={`${title} (${inscription.period.name})`}>
                    <div className="flex flex-wrap items-start justify-between gap-2">
                      <h2 id={`inscription-${inscription.id}`} className="text-lg font-bold">
                        {title}
                      </h2>
                      <StatusBadge
                        code={inscription.marker.symbol}
                        label={`${inscription.marker.label}${inscription.position ? ` (position ${inscription.position})` : ""}`}
                        tone={inscription.marker.tone}
                      />
                    </div>
                    <dl className="mt-1 grid gap-x-4 text-sm text-gray-800 sm:grid-cols-[auto_1fr]">
                      <dt className="font-semibold">Lieu d&apos;accueil</dt>
                      <dd>
                        {inscription.activity.structure.name} · {inscription.activity.careType.name}
                      </dd>
                      <dt className="font-semibold">Période</dt>
                      <dd>
                        {inscription.period.name}
                        {inscription.ageGroup ? ` · ${inscription.ageGroup.name}` : ""}
                      </dd>
                      <dt className="font-semibold">Dates</dt>
                      <dd>
                        du {formatCalendarDate(inscription.startDate)} au {formatCalendarDate(inscription.endDate)}
                      </dd>
                      {inscription.reason && inscription.can.showReason ? (
                        <>
                          <dt className="font-semibold">Motif</dt>
                          <dd>{inscription.reason}</dd>
                        </>
                      ) : null}
                    </dl>
                    {inscription.can.attestation || inscription.can.withdraw ? (
                      <div className="mt-3 flex flex-wrap gap-2">
                        {isIn(INSCRIPTION_STATUSES.BOOKABLE, inscription.status) ? (
                          <LinkButton href={`/mes-reservations?inscription=${inscription.id}`} aria-label={`Mes réservations : ${title}`}>
                            <CalendarDays aria-hidden="true" className="size-5" /> Mes réservations
                          </LinkButton>
                        ) : null}
                        {inscription.can.attestation ? (
                          <a
                            href={`/mes-inscriptions/${inscription.id}/attestation`}
                            className={buttonVariants({ variant: "secondary" })}
                            download
                            aria-label={`Télécharger l'attestation d'inscription (PDF) : ${title}`}
                          >
                            <Download aria-hidden="true" className="size-5" /> Télécharger l&apos;attestation (PDF)
                          </a>
                        ) : null}
                        {inscription.can.withdraw ? (
                          <WithdrawButton id={inscription.id} label={title} withdraw={withdrawInscriptionAction} />
                        ) : null}
                      </div>
                    ) : null}
                  </article>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      <section aria-labelledby="legende" className="mt-6 text-sm text-gray-800">
        <h2 id="legende" className="mb-1 font-bold">
          Légende
        </h2>
        <ul className="flex flex-col gap-1">
          {MARKER_LEGEND.map((entry) => (
            <li key={entry.symbol}>
              <span className="inline-block w-5 font-mono font-bold">{entry.symbol}</span> {entry.label}
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
