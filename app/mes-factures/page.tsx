import type { Metadata } from "next";
import { parentPage } from "@/lib/auth/session";
import { listFamilyInvoices } from "@/lib/billing/list-invoices";
import { usesStripeStandIn } from "@/lib/billing/stripe";
import { formatCalendarDate, formatCents, formatMonth } from "@/lib/format";
import { statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { PayForm } from "@/components/billing/pay-form";
import { payInvoicesAction } from "./actions";

export const metadata: Metadata = { title: "Mes factures" };

export default async function MyInvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await parentPage("/mes-factures");
  const params = await searchParams;
  const { toPay, others, balanceCents } = await listFamilyInvoices(user.familyId);
  const month = (d: Date) => formatMonth(d.toISOString().slice(0, 7));
  return (
    <div className="page">
      <PageHeader title="Mes factures" description={`Solde à payer : ${formatCents(balanceCents)}.`} />
      {/* A fixed word, never text from the URL. */}
      {params.paiement === "abandonne" ? <Alert tone="info">Paiement abandonné : vos factures restent à payer.</Alert> : null}
      {usesStripeStandIn ? <p className="mb-3 text-sm text-gray-800">Paiement en ligne en mode simulation (aucune clé Stripe n&apos;est configurée) : aucun argent ne circule.</p> : null}
      <section aria-labelledby="a-payer" className="mb-8">
        <h2 id="a-payer" className="mb-2 text-xl font-bold">Factures à payer</h2>
        {toPay.length === 0 ? <EmptyState title="Aucune facture à payer">Vos factures apparaîtront ici une fois envoyées par la structure.</EmptyState> : (
          <PayForm pay={payInvoicesAction}
            invoices={toPay.map((i) => ({ id: i.id, number: i.number, dueCents: i.totalCents - i.paidCents, totalCents: i.totalCents, dueDate: i.dueDate ? formatCalendarDate(i.dueDate) : null }))} />
        )}
      </section>
      <section aria-labelledby="detail" className="mb-8">
        <h2 id="detail" className="mb-2 text-xl font-bold">Détail des factures</h2>
        {[...toPay, ...others].length === 0 ? <p>Aucune facture.</p> : (
          <ul className="flex flex-col gap-3">
            {[...toPay, ...others].map((i) => (
              <li key={i.id} className="card">
                <details>
                  <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-2">
                    <span className="font-semibold">Facture n° {i.number} — <span className="capitalize">{month(i.month)}</span></span>
                    <span className="flex items-center gap-2">{formatCents(i.totalCents)} <StatusBadge label={statusLabel("INVOICE", i.status)} tone={statusTone("INVOICE", i.status)} /></span>
                  </summary>
                  <table className="mt-2 w-full text-sm">
                    <caption className="sr-only">Lignes de la facture {i.number}</caption>
                    <thead><tr className="text-left"><th scope="col">Date</th><th scope="col">Enfant et unité</th><th scope="col" className="text-right">Prix</th></tr></thead>
                    <tbody>
                      {i.lines.map((l) => (
                        <tr key={l.id} className="border-t border-gray-200">
                          <td className="py-1 pr-2">{l.date ? formatCalendarDate(l.date) : ""}</td>
                          <td className="py-1 pr-2">{l.label}</td>
                          <td className="py-1 text-right">{formatCents(l.totalCents)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
