import type { Metadata } from "next";
import { parentPage } from "@/lib/auth/session";
import { listPeriodChoices } from "@/lib/reservations/reserve-period";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { PeriodForm } from "@/components/reservations/period-form";
import { previewPeriodAction, sendPeriodAction } from "../actions";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Réservations sur période" };

export default async function PeriodReservationsPage({ searchParams }: { searchParams: Promise<{ inscription?: string }> }) {
  const user = await parentPage("/mes-reservations/periode", searchParams);
  const { inscription } = await searchParams;
  const choices = await listPeriodChoices(user.familyId);
  return (
    <Page>
      <PageHeader
        title="Réservations sur période"
        breadcrumbs={[{ label: "Mes réservations", href: "/mes-reservations" }]}
        description="Pour un accueil régulier : choisissez les dates de début et de fin, le type de semaine et les temps d'accueil de chaque jour ; vous voyez toutes les dates et le total avant d'envoyer."
      />
      {choices.length === 0 ? (
        <EmptyState title="Aucune inscription validée" action={<LinkButton href="/mes-inscriptions">Mes inscriptions</LinkButton>}>
          Les réservations se font dans une inscription validée par la structure.
        </EmptyState>
      ) : (
        <PeriodForm
          choices={choices}
          initialInscription={typeof inscription === "string" ? inscription : ""}
          preview={previewPeriodAction}
          send={sendPeriodAction}
        />
      )}
    </Page>
  );
}
