import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parentPage } from "@/lib/auth/session";
import { getFamilyAccount } from "@/lib/billing/get-family-account";
import { usesStripeStandIn } from "@/lib/billing/stripe";
import { formatCalendarDate, formatCents, formatMonth } from "@/lib/format";
import { statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { PayForm } from "@/components/billing/pay-form";
import { InvoiceLines } from "@/components/billing/invoice-lines";
import { payInvoicesAction } from "./actions";
import { INVOICE_STATUSES, isIn } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";
import { cardClass, linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { TaxCertificatesCard } from "@/components/billing/tax-certificates-card";
import { SepaMandateCard } from "@/components/billing/sepa-mandate-card";
import { getFamilyMandates } from "@/lib/billing/sepa/mandates";
import { revokeMandateAction } from "./prelevement/actions";

export const metadata: Metadata = { title: "Mes factures" };

const monthOfInvoice = (d: Date) => formatMonth(d.toISOString().slice(0, 7));

export default async function MyInvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await parentPage("/mes-factures", searchParams);
  const params = await searchParams;
  const account = await getFamilyAccount(user.familyId);
  if (!account) notFound();
  const { family, balanceCents, toPay, invoices, detail } = account;
  const sepa = await getFamilyMandates(user.familyId);
  const balance =
    balanceCents > 0
      ? `${formatCents(balanceCents)} à payer`
      : balanceCents < 0
        ? `${formatCents(-balanceCents)} en votre faveur`
        : "rien à payer";
  return (
    <Page>
      <PageHeader title="Mes factures" description={`Solde : ${balance}.`} />
      {/* A fixed word, never text from the URL. */}
      {params.paiement === "abandonne" ? <Alert tone="info">Paiement abandonné : vos factures restent à payer.</Alert> : null}
      {/* Worded for parents; the technical reason (no Stripe key) is told to staff, on « Paiements ». */}
      {usesStripeStandIn ? <p className="mb-3 text-sm text-gray-800">Paiement de démonstration : aucun argent ne circule.</p> : null}

      <section aria-labelledby="mon-compte" className={cn(cardClass, "mb-8")}>
        <h2 id="mon-compte" className="mb-2 text-xl font-bold">
          Mon compte
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-2">
          <div>
            <dt className="inline font-semibold">Quotient familial : </dt>
            <dd className="inline">
              {family.quotientFamilial === null
                ? "non communiqué (le tarif le plus haut s'applique)"
                : `${family.quotientFamilial.toLocaleString("fr-FR")} €`}
              {family.bracket ? ` — tranche ${family.bracket}` : ""}
            </dd>
          </div>
          <div>
            <dt className="inline font-semibold">Enfants à charge : </dt>
            <dd className="inline">{family.dependentChildren ?? "non communiqué"}</dd>
          </div>
          <div>
            <dt className="inline font-semibold">Derniers revenus déclarés : </dt>
            <dd className="inline">{family.lastIncomeCents === null ? "non communiqués" : formatCents(family.lastIncomeCents)}</dd>
          </div>
        </dl>
        <p className="mt-2 text-sm text-gray-800">
          Votre quotient a changé ? Demandez sa mise à jour dans{" "}
          <a className={linkClass} href="/mes-coordonnees#quotient">
            Mes coordonnées
          </a>
          , avec votre attestation CAF.
        </p>
      </section>

      <section aria-labelledby="a-payer" className="mb-8">
        <h2 id="a-payer" className="mb-2 text-xl font-bold">
          Factures à payer
        </h2>
        {toPay.length === 0 ? (
          <EmptyState title="Aucune facture à payer">
            {invoices.length > 0
              ? "Tout est réglé. Vos prochaines factures apparaîtront ici dès leur envoi."
              : "Vos factures apparaîtront ici une fois envoyées par la structure."}
          </EmptyState>
        ) : (
          <PayForm
            pay={payInvoicesAction}
            invoices={toPay.map((i) => ({
              id: i.id,
              number: i.number,
              dueCents: i.dueCents,
              totalCents: i.totalCents,
              dueDate: i.dueDate ? formatCalendarDate(i.dueDate) : null,
              debitOn: sepa.pending.filter((d) => d.invoiceId === i.id).map((d) => formatCalendarDate(d.dueDate))[0] ?? null,
            }))}
          />
        )}
      </section>

      <SepaMandateCard {...sepa} revoke={revokeMandateAction} />

      <section aria-labelledby="par-inscription" className="mb-8">
        <h2 id="par-inscription" className="mb-2 text-xl font-bold">
          Détail par inscription
        </h2>
        {detail.length === 0 ? (
          <p>Aucune inscription validée.</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {detail.map((d) => (
              <li key={d.id} className={cardClass}>
                <h3 className="font-semibold">
                  {d.child} — {d.activity} ({d.period})
                </h3>
                <p className="text-sm text-gray-800">
                  Du {formatCalendarDate(d.startDate)} au {formatCalendarDate(d.endDate)}
                </p>
                <p className="mt-1">
                  Tarifs pour votre quotient :{" "}
                  {d.units.map((u) => `${u.name} ${u.priceCents === null ? "non tarifé" : formatCents(u.priceCents)}`).join(" · ")}
                </p>
                <p>
                  Facturé : <strong>{formatCents(d.invoiced.cents)}</strong> ({d.invoiced.count} {d.invoiced.count > 1 ? "unités" : "unité"}
                  ) · Réservé, pas encore facturé : <strong>{formatCents(d.toInvoice.cents)}</strong> ({d.toInvoice.count}{" "}
                  {d.toInvoice.count > 1 ? "unités" : "unité"})
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="detail" className="mb-8">
        <h2 id="detail" className="mb-2 text-xl font-bold">
          Factures et avoirs
        </h2>
        {invoices.length === 0 ? (
          <p>Aucune facture.</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {invoices.map((i) => {
              const word = i.kind === "CREDIT_NOTE" ? "Avoir" : "Facture";
              return (
                <li key={i.id} className={cardClass}>
                  <details>
                    <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-2">
                      <span className="font-semibold">
                        {word} n° {i.number} — <span className="capitalize">{monthOfInvoice(i.month)}</span>
                        {i.creditedInvoice ? ` (sur la facture n° ${i.creditedInvoice.number})` : ""}
                      </span>
                      <span className="flex items-center gap-2">
                        {formatCents(i.totalCents)}{" "}
                        {i.kind === "INVOICE" ? (
                          <StatusBadge label={statusLabel("INVOICE", i.status)} tone={statusTone("INVOICE", i.status)} />
                        ) : null}
                      </span>
                      <span className={cn(linkClass, "basis-full text-sm")}>Voir le détail</span>
                    </summary>
                    <InvoiceLines
                      lines={i.lines}
                      caption={`Lignes ${i.kind === "CREDIT_NOTE" ? "de l'avoir" : "de la facture"} ${i.number}`}
                    />
                    {i.creditedCents > 0 ? <p className="mt-2 text-sm">Avoirs déduits : {formatCents(i.creditedCents)}</p> : null}
                    {i.paidCents > 0 ? <p className="text-sm">Déjà payé : {formatCents(i.paidCents)}</p> : null}
                  </details>
                  <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
                    <a className={linkClass} href={`/factures/${i.id}/facture`} download>
                      Télécharger {i.kind === "CREDIT_NOTE" ? "l'avoir" : "la facture"} n° {i.number} (PDF)
                    </a>
                    {i.kind === "INVOICE" && isIn(INVOICE_STATUSES.SETTLED, i.status) && i.paidCents > 0 ? (
                      <a className={linkClass} href={`/factures/${i.id}/quittance`} download>
                        Télécharger la quittance de la facture n° {i.number} (PDF)
                      </a>
                    ) : null}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <TaxCertificatesCard familyId={user.familyId} />
    </Page>
  );
}
