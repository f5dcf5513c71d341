import type { Metadata } from "next";
import { CalendarDays } from "lucide-react";
import { parentPage } from "@/lib/auth/session";
import { listRenewals } from "@/lib/inscriptions/list-renewals";
import { listYearlyRefresh } from "@/lib/inscriptions/list-yearly-refresh";
import { listRenewalWeeks } from "@/lib/inscriptions/get-renewal-week";
import { isoToFrench } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { Page } from "@/components/ui/page";
import { TodoLinks } from "@/components/family/todo-links";
import { RenewalForm } from "@/components/inscriptions/renewal-form";
import { requestRenewalsAction } from "../actions";

export const metadata: Metadata = { title: "Réinscrire" };

/**
 * « Réinscrire pour 2027/2028 » (ADR 052): every child inscribed this year, with the same activity in its next
 * period (group fitted again by age), sent at once; the yearly refresh of the family file; and, once a renewal is
 * validated, this year's semaine type to send again through « Réservations sur période ».
 */
export default async function RenewalPage() {
  const user = await parentPage("/mes-inscriptions/reinscrire");
  const now = new Date();
  const [offer, weeks] = await Promise.all([listRenewals(user.familyId, now), listRenewalWeeks(user.familyId)]);
  const refresh = offer ? await listYearlyRefresh(user.familyId, offer, now) : [];
  return (
    <Page>
      <PageHeader
        title={offer?.label ?? "Réinscrire"}
        breadcrumbs={[{ label: "Mes inscriptions", href: "/mes-inscriptions" }]}
        description="Chaque enfant inscrit cette année, à la même activité pour la période suivante : le groupe est celui de son âge au début de la nouvelle période. Décochez ceux que vous ne réinscrivez pas, puis envoyez : chaque demande suit les règles habituelles (places, liste d'attente, validation par la structure)."
      />
      {weeks.length > 0 ? (
        <Card title="Reprendre la semaine type" titleId="semaine-type" className="mb-4 border-l-4 border-l-green-700">
          <p className="mb-2 text-sm">
            Réinscription validée : réservez l&apos;année avec la semaine type de cette année, vous voyez les dates et le total avant
            d&apos;envoyer.
          </p>
          <ul className="flex flex-col gap-3">
            {weeks.map((week) => (
              <li key={week.inscriptionId} className="flex flex-col gap-1">
                <p>
                  <span className="font-semibold">
                    {week.childFirstName} — {week.activityName}
                  </span>{" "}
                  (du {isoToFrench(week.startDay)} au {isoToFrench(week.endDay)}) : {week.summary}
                </p>
                <LinkButton
                  href={`/mes-reservations/periode?inscription=${week.inscriptionId}&semaine=annee-precedente`}
                  variant="secondary"
                  className="self-start"
                >
                  <CalendarDays aria-hidden="true" className="size-5" /> Réserver {week.childFirstName} avec cette semaine type
                </LinkButton>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {!offer ? (
        <EmptyState
          title="Aucune réinscription à faire pour le moment"
          action={<LinkButton href="/mes-inscriptions">Mes inscriptions</LinkButton>}
        >
          La réinscription est proposée quand la période suivante d&apos;une activité de vos enfants est ouverte aux inscriptions.
        </EmptyState>
      ) : (
        <>
          <Card className="mb-4">
            <RenewalForm
              action={requestRenewalsAction}
              lines={offer.lines.map((line) => ({
                previousInscriptionId: line.previousInscriptionId,
                title: `${line.child.firstName} — ${line.activity.name}`,
                detail: `${line.period.name}, du ${isoToFrench(line.period.startDay)} au ${isoToFrench(line.period.endDay)}${
                  line.group ? ` · groupe ${line.group.name}` : ""
                } (cette année : ${line.previousPeriodName})`,
                groupChange: line.eligible ? line.groupChange : null,
                eligible: line.eligible,
                reason: line.reason,
              }))}
            />
          </Card>
          {refresh.length > 0 ? (
            <Card title="À faire avant la rentrée" titleId="a-faire" className="mb-4 border-l-4 border-l-amber-600">
              <p className="mb-2 text-sm">La mise à jour de votre dossier pour la nouvelle année :</p>
              <TodoLinks items={refresh} />
            </Card>
          ) : null}
        </>
      )}
    </Page>
  );
}
