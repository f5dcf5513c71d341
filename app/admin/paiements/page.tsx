import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { listPayments, paymentFilterOf } from "@/lib/billing/list-payments";
import { formatCents } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Alert } from "@/components/ui/field";
import { LinkButton } from "@/components/ui/link-button";
import { FilterDay, FilterForm, FilterSelect } from "@/components/admin/filter-select";
import { PaymentsTable } from "@/components/billing/payments-table";
import { PAYMENT_METHOD_LABELS } from "@/lib/billing/schemas";
import { abandonPaymentAction, resolveAnomalyAction } from "../facturation/actions";
import { parisDay } from "@/lib/calendar/paris";
import { Page } from "@/components/ui/page";
import { usesStripeStandIn } from "@/lib/billing/stripe";

export const metadata: Metadata = { title: "Paiements" };

const STATES = [
  { id: "averifier", name: "À vérifier (anomalie)" },
  { id: "SUCCEEDED", name: "Payé" },
  { id: "PENDING", name: "Paiement en cours de confirmation" },
  { id: "FAILED", name: "Paiement non abouti" },
];

/** Every payment, online and at the desk, filterable, exported as CSV for the treasury. */
export default async function PaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffPage("/admin/paiements", searchParams);
  const params = await searchParams;
  const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const filter = paymentFilterOf((name) => query.get(name) || undefined, parisDay(new Date()));
  const { payments, total, receivedCents } = await listPayments(filter, staff.scope);
  return (
    <Page width="wide">
      <PageHeader
        title="Paiements"
        breadcrumbs={[{ label: "Facturation", href: "/admin/facturation" }]}
        description="Les paiements en ligne et à l'accueil, les plus récents d'abord. Un paiement « À vérifier » (montant différent, trop-perçu) attend votre décision."
      />
      {/* The technical notice is for staff; parents read « Paiement de démonstration : aucun argent ne circule ». */}
      {usesStripeStandIn ? (
        <Alert tone="info" live={false}>
          Paiement en ligne simulé : aucune clé Stripe n&apos;est configurée sur le serveur (STRIPE_SECRET_KEY et STRIPE_WEBHOOK_SECRET, à
          demander à l&apos;hébergeur). Les familles voient « Paiement de démonstration : aucun argent ne circule ».
        </Alert>
      ) : null}
      <FilterForm
        label="Filtres des paiements"
        submitLabel="Filtrer"
        footer={
          <p id="paiements-format" className="basis-full text-sm text-gray-700">
            Dates au format jj/mm/aaaa.
          </p>
        }
      >
        <FilterSelect
          id="paiements-mode"
          name="mode"
          label="Mode"
          value={filter.method}
          any="Tous"
          choices={Object.entries(PAYMENT_METHOD_LABELS).map(([id, name]) => ({ id, name }))}
        />
        <FilterSelect
          id="paiements-etat"
          name="etat"
          label="État"
          value={filter.toCheck ? "averifier" : filter.status}
          any="Tous"
          choices={STATES}
        />
        <FilterDay id="paiements-du" name="du" label="Du" value={filter.typed.from} describedBy="paiements-format" />
        <FilterDay id="paiements-au" name="au" label="Au" value={filter.typed.to} describedBy="paiements-format" />
      </FilterForm>
      {/* Never the typed text itself: only which filter was not understood. */}
      {(filter.typed.from && !filter.from) || (filter.typed.to && !filter.to) ? (
        <Alert tone="error">
          {filter.typed.from && !filter.from ? "Date « Du »" : "Date « Au »"} : une date au format jj/mm/aaaa est attendue ; ce filtre
          n&apos;est pas appliqué.
        </Alert>
      ) : null}
      <p className="mb-3 flex flex-wrap items-center gap-4">
        <span>
          {total.toLocaleString("fr-FR")} {total > 1 ? "paiements" : "paiement"}
          {total > payments.length ? ` (les ${payments.length} plus récents affichés)` : ""} · reçu :{" "}
          <strong>{formatCents(receivedCents)}</strong>
        </span>
        <LinkButton variant="secondary" href={`/admin/paiements/export?${query.toString()}`} prefetch={false}>
          Exporter pour la trésorerie (CSV)
        </LinkButton>
      </p>
      <PaymentsTable payments={payments} resolve={resolveAnomalyAction} abandon={abandonPaymentAction} now={new Date()} showFamily />
    </Page>
  );
}
