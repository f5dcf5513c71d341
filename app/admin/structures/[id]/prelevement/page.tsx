import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { getSepaSettings } from "@/lib/billing/sepa/settings";
import { NotFoundError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { SchemaForm } from "@/components/form/schema-form";
import { Page } from "@/components/ui/page";
import { TextLink } from "@/components/ui/link-button";
import { sepaSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Prélèvement SEPA du lieu" };

/** The lieu's creditor settings (ADR 053): ICS, creditor's name and account, pré-notification delay, rejection fee. */
export default async function SepaSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await staffPage(`/admin/structures/${id}/prelevement`);
  const lieu = await getSepaSettings(id, staff.scope).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const fee = lieu.sepaRejectionFeeCents;
  return (
    <Page>
      <PageHeader
        title={`Prélèvement SEPA — ${lieu.name}`}
        breadcrumbs={[{ label: "Lieux d'accueil", href: "/admin/structures" }]}
        description="L'identifiant créancier SEPA (ICS) est délivré par votre banque (Banque de France) ; le compte est celui sur lequel les prélèvements sont versés."
      />
      <Card>
        <SchemaForm
          schema="sepaSettings"
          idPrefix="sepa"
          hidden={{ structureId: lieu.id }}
          submitLabel="Enregistrer les réglages"
          action={sepaSettingsAction}
          defaultValues={{
            creditorId: lieu.sepaCreditorId ?? "",
            creditorName: lieu.sepaCreditorName ?? lieu.name,
            iban: lieu.sepaCreditorIban ?? "",
            bic: lieu.sepaCreditorBic ?? "",
            prenotificationDays: String(lieu.sepaPrenotificationDays),
            rejectionFee: fee === null ? "" : (fee / 100).toFixed(2).replace(".", ","),
          }}
          fields={[
            {
              name: "creditorId",
              label: "Identifiant créancier SEPA (ICS)",
              required: true,
              hint: "13 caractères en France, exemple : FR72ZZZ123456.",
            },
            {
              name: "creditorName",
              label: "Nom du créancier",
              required: true,
              hint: "Tel qu'il figure sur les mandats et les relevés des familles.",
            },
            { name: "iban", label: "IBAN du créancier", required: true },
            { name: "bic", label: "BIC du créancier", required: true },
            {
              name: "prenotificationDays",
              label: "Délai de pré-notification (jours)",
              required: true,
              inputMode: "numeric",
              hint: "Les familles sont prévenues du montant et de la date ce nombre de jours avant le prélèvement (14 par défaut).",
            },
            {
              name: "rejectionFee",
              label: "Frais de rejet (€)",
              hint: "Facturés à la famille à chaque prélèvement rejeté, sur une facture à part. Vide : aucun frais.",
            },
          ]}
        />
      </Card>
      <p className="mt-4">
        <TextLink href={`/admin/facturation/prelevements?lieu=${lieu.id}`}>Prélèvements de {lieu.name}</TextLink>
      </p>
    </Page>
  );
}
