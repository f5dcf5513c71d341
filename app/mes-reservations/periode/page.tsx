import type { Metadata } from "next";
import { parentPage } from "@/lib/auth/session";
import { listPeriodChoices } from "@/lib/reservations/reserve-period";
import { listRenewalWeeks } from "@/lib/inscriptions/get-renewal-week";
import { isoToFrench } from "@/lib/format";
import { Alert } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { PeriodForm } from "@/components/reservations/period-form";
import { previewPeriodAction, sendPeriodAction } from "../actions";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Réservations sur période" };

export default async function PeriodReservationsPage({
  searchParams,
}: {
  searchParams: Promise<{ inscription?: string; semaine?: string }>;
}) {
  const user = await parentPage("/mes-reservations/periode", searchParams);
  const { inscription, semaine } = await searchParams;
  // « Reprendre ma semaine type » (Réinscrire, ADR 052): last year's semaine type of this renewed inscription, if any.
  const [choices, [week]] = await Promise.all([
    listPeriodChoices(user.familyId),
    semaine === "annee-precedente" && typeof inscription === "string" ? listRenewalWeeks(user.familyId, inscription) : [],
  ]);
  return (
    <Page>
      <PageHeader
        title="Réservations sur période"
        breadcrumbs={[{ label: "Mes réservations", href: "/mes-reservations" }]}
        description="Pour un accueil régulier : choisissez les dates de début et de fin, le type de semaine et les temps d'accueil de chaque jour ; vous voyez toutes les dates et le total avant d'envoyer."
      />
      {week ? (
        <Alert className="mb-4" live={false}>
          Semaine type de cette année reprise pour {week.childFirstName} — {week.activityName} : {week.summary}. Vérifiez-la, puis « Voir
          les dates » : vous voyez chaque date et le total avant d&apos;envoyer.
        </Alert>
      ) : null}
      {choices.length === 0 ? (
        <EmptyState title="Aucune inscription validée" action={<LinkButton href="/mes-inscriptions">Mes inscriptions</LinkButton>}>
          Les réservations se font dans une inscription validée par la structure.
        </EmptyState>
      ) : (
        <PeriodForm
          choices={choices}
          initialInscription={typeof inscription === "string" ? inscription : ""}
          initialWeek={
            week
              ? { startDate: isoToFrench(week.startDay), endDate: isoToFrench(week.endDay), weekType: week.weekType, slots: week.slots }
              : undefined
          }
          preview={previewPeriodAction}
          send={sendPeriodAction}
        />
      )}
    </Page>
  );
}
