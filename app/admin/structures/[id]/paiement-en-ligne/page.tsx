import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { getPaymentSettings } from "@/lib/billing/providers/payment-settings";
import { PageHeader } from "@/components/ui/page-header";
import { SchemaForm } from "@/components/form/schema-form";
import { Alert } from "@/components/ui/field";
import { Page } from "@/components/ui/page";
import { cardClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { setPaymentProviderAction } from "./actions";

export const metadata: Metadata = { title: "Paiement en ligne" };

const SAISIE = { T: "test", X: "activation", W: "production" } as const;

/**
 * « Paiement en ligne » of a lieu d'accueil (ADR 054): its families pay by card with Stripe (an association) or on the
 * Trésor public's PayFiP (a régie under public accounting, with the numcli the DGFiP gave it). The page says which of the
 * two services is the local stand-in here (no key, no PAYFIP_WS_URL), as the payment pages do.
 */
export default async function PaymentProviderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await staffPage(`/admin/structures/${id}/paiement-en-ligne`);
  const settings = await getPaymentSettings(id, staff.scope);
  if (!settings) notFound();
  return (
    <Page>
      <PageHeader
        title={`Paiement en ligne — ${settings.name}`}
        description="Comment les familles de ce lieu d'accueil paient leurs factures en ligne, depuis Mes factures."
        breadcrumbs={[{ label: "Lieux d'accueil et calendrier", href: "/admin/structures" }]}
      />
      <section aria-labelledby="services" className={cn(cardClass, "mb-6")}>
        <h2 id="services" className="mb-2 text-xl font-bold">
          Les deux prestataires de paiement
        </h2>
        <dl className="flex flex-col gap-3">
          <div>
            <dt className="font-semibold">Stripe (carte bancaire, pour une association)</dt>
            <dd>
              {settings.stripe.standIn
                ? "Service simulé ici : aucune clé Stripe n'est configurée (STRIPE_SECRET_KEY), aucun argent ne circule."
                : settings.stripe.embedded
                  ? "Configuré : le paiement s'affiche dans le portail (Checkout intégré)."
                  : "Configuré : les familles sont redirigées vers la page de paiement de Stripe."}
            </dd>
          </div>
          <div>
            <dt className="font-semibold">PayFiP (Trésor public, pour une régie)</dt>
            <dd>
              {settings.payfip.standIn
                ? settings.payfip.standInAllowed
                  ? "Service simulé ici : PAYFIP_WS_URL n'est pas défini, aucun argent ne circule (la page de paiement le dit aux familles)."
                  : "Non configuré : PAYFIP_WS_URL n'est pas défini. En production, le service simulé est refusé : les familles d'un lieu réglé sur PayFiP ne peuvent pas payer en ligne."
                : `Configuré : le service de la DGFiP, en mode ${SAISIE[settings.payfip.saisie]} (PAYFIP_SAISIE=${settings.payfip.saisie}).`}
            </dd>
          </div>
        </dl>
        {settings.paymentProvider === "PAYFIP" && !settings.payfipClientNumber ? (
          <Alert tone="error">PayFiP est choisi mais le numéro client manque : les familles ne peuvent pas payer en ligne.</Alert>
        ) : null}
      </section>
      <section aria-labelledby="choix" className={cardClass}>
        <h2 id="choix" className="mb-2 text-xl font-bold">
          Prestataire de ce lieu
        </h2>
        <SchemaForm
          schema="paymentProvider"
          idPrefix="paiement-en-ligne"
          hidden={{ structureId: settings.id }}
          submitLabel="Enregistrer"
          action={setPaymentProviderAction}
          defaultValues={{ paymentProvider: settings.paymentProvider, payfipClientNumber: settings.payfipClientNumber ?? "" }}
          fields={[
            {
              name: "paymentProvider",
              label: "Prestataire de paiement",
              type: "radio",
              required: true,
              options: [
                { value: "STRIPE", label: "Stripe — carte bancaire (association)" },
                { value: "PAYFIP", label: "PayFiP — Trésor public (régie de recettes)" },
              ],
            },
            {
              name: "payfipClientNumber",
              label: "Numéro client PayFiP (numcli)",
              inputMode: "numeric",
              hint: "6 chiffres, donnés par la DGFiP à l'adhésion de la régie. Obligatoire pour PayFiP. Les factures d'un lieu PayFiP se paient séparément de celles des autres lieux.",
            },
          ]}
        />
      </section>
    </Page>
  );
}
