import type { Metadata } from "next";
import { InvoiceLines } from "@/components/billing/invoice-lines";
import Link from "next/link";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { getFamilyAccount } from "@/lib/billing/get-family-account";
import { listPayments } from "@/lib/billing/list-payments";
import { DESK_METHODS } from "@/lib/billing/schemas";
import { parisDay } from "@/lib/calendar/paris";
import { formatCalendarDate, formatCents, formatMonth } from "@/lib/format";
import { statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { SchemaForm } from "@/components/form/schema-form";
import { PaymentsTable } from "@/components/billing/payments-table";
import { createCreditNoteAction, recordDeskPaymentAction, abandonPaymentAction, resolveAnomalyAction } from "../../actions";
import { INVOICE_STATUSES, isIn } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";
import { cardClass, linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { SepaFamilyMandates } from "@/components/billing/sepa-family-mandates";
import { getFamilyMandates } from "@/lib/billing/sepa/mandates";
import { recordPaperMandateAction, staffRevokeMandateAction } from "../../prelevements/actions";

export const metadata: Metadata = { title: "Compte de la famille" };

/** The finance office's view of one family: its balance, invoices and avoirs, payments; a desk payment, an avoir. */
export default async function FamilyAccountPage({ params }: { params: Promise<{ familyId: string }> }) {
  const { familyId } = await params;
  const staff = await staffPage(`/admin/facturation/familles/${familyId}`);
  const account = familyId.length <= 64 ? await getFamilyAccount(familyId, staff.scope) : null;
  if (!account) notFound();
  const { family, balanceCents, toPay, invoices } = account;
  const { payments } = await listPayments({ familyId }, staff.scope);
  const balance =
    balanceCents > 0
      ? `${formatCents(balanceCents)} à payer`
      : balanceCents < 0
        ? `${formatCents(-balanceCents)} dus à la famille (avoir sur une facture payée)`
        : "rien à payer";
  return (
    <Page width="wide">
      <PageHeader
        title={`Compte — ${family.name}`}
        breadcrumbs={[
          { label: "Facturation", href: "/admin/facturation" },
          { label: family.name, href: `/admin/familles/${familyId}` },
        ]}
        description={`Solde : ${balance}. Quotient familial : ${family.quotientFamilial ?? "non communiqué"}.`}
      />

      <div className="mb-6 max-w-2xl">
        <Card title="Enregistrer un paiement" titleId="paiement">
          {toPay.length === 0 ? (
            <p>Aucune facture à payer.</p>
          ) : (
            <SchemaForm
              schema="deskPayment"
              idPrefix="guichet"
              hidden={{ familyId }}
              resetOnSuccess
              submitLabel="Enregistrer le paiement"
              action={recordDeskPaymentAction}
              toastOnSuccess
              defaultValues={{ method: "CHEQUE", amount: "", reference: "", receivedOn: parisDay(new Date()), invoiceIds: [] }}
              fields={[
                {
                  name: "method",
                  label: "Mode de paiement",
                  type: "select",
                  required: true,
                  options: DESK_METHODS.map((m) => ({ value: m.value, label: m.label })),
                },
                { name: "amount", label: "Montant (€)", required: true, hint: "Par exemple 45,50 ; un paiement partiel est possible." },
                { name: "reference", label: "Référence", hint: "Numéro du chèque (obligatoire), des titres CESU, du virement…" },
                { name: "receivedOn", label: "Date de réception", type: "date", required: true },
                {
                  name: "invoiceIds",
                  label: "Factures réglées",
                  type: "checkboxes",
                  hint: "Aucune cochée : les plus anciennes d'abord.",
                  options: toPay.map((i) => ({ value: i.id, label: `N° ${i.number} — reste ${formatCents(i.dueCents)}` })),
                },
              ]}
            />
          )}
        </Card>
      </div>
      <SepaFamilyMandates
        familyId={familyId}
        {...await getFamilyMandates(familyId, staff.scope)}
        revoke={staffRevokeMandateAction}
        record={recordPaperMandateAction}
      />
      <section aria-labelledby="paiements" className="mb-6">
        <h2 id="paiements" className="mb-2 text-xl font-bold">
          Paiements
        </h2>
        <PaymentsTable
          payments={payments}
          resolve={resolveAnomalyAction}
          abandon={abandonPaymentAction}
          now={new Date()}
          showFamily={false}
        />
      </section>

      <h2 className="mb-2 text-xl font-bold">Factures et avoirs</h2>
      {invoices.length === 0 ? (
        <p>Aucune facture envoyée.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {invoices.map((i) => {
            const creditable = i.kind === "INVOICE" && i.totalCents - i.creditedCents > 0;
            return (
              <li key={i.id} className={cardClass}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="font-semibold">
                    {i.kind === "CREDIT_NOTE" ? "Avoir" : "Facture"} n° {i.number} — {formatMonth(i.month.toISOString().slice(0, 7))}
                    {i.creditedInvoice ? ` (sur la facture n° ${i.creditedInvoice.number})` : ""}
                  </p>
                  <p className="flex items-center gap-2">
                    {formatCents(i.totalCents)}
                    {i.paidCents ? ` · payé ${formatCents(i.paidCents)}` : ""}
                    {i.creditedCents ? ` · avoirs ${formatCents(i.creditedCents)}` : ""}
                    {i.kind === "INVOICE" ? (
                      <StatusBadge label={statusLabel("INVOICE", i.status)} tone={statusTone("INVOICE", i.status)} />
                    ) : null}
                  </p>
                </div>
                <p className="text-sm">
                  {i.dueDate && i.kind === "INVOICE" ? `Payer avant le ${formatCalendarDate(i.dueDate)} · ` : ""}
                  <Link className={linkClass} href={`/factures/${i.id}/facture`} prefetch={false}>
                    {i.kind === "CREDIT_NOTE" ? "Avoir" : "Facture"} (PDF)
                  </Link>
                  {i.kind === "INVOICE" && isIn(INVOICE_STATUSES.SETTLED, i.status) && i.paidCents > 0 ? (
                    <>
                      {" "}
                      ·{" "}
                      <Link className={linkClass} href={`/factures/${i.id}/quittance`} prefetch={false}>
                        Quittance (PDF)
                      </Link>
                    </>
                  ) : null}
                </p>
                {i.lines.length > 0 ? (
                  <details className="mt-2">
                    <summary className={cn(linkClass, "cursor-pointer")}>
                      Voir les lignes {i.kind === "CREDIT_NOTE" ? "de l'avoir" : "de la facture"} n° {i.number}
                    </summary>
                    <InvoiceLines
                      lines={i.lines}
                      caption={`Lignes ${i.kind === "CREDIT_NOTE" ? "de l'avoir" : "de la facture"} ${i.number}`}
                    />
                  </details>
                ) : null}
                {creditable ? (
                  <details className="mt-2">
                    <summary className={cn(linkClass, "cursor-pointer")}>Faire un avoir sur la facture n° {i.number}</summary>
                    <SchemaForm
                      schema="creditNote"
                      idPrefix={`avoir-${i.number}`}
                      hidden={{ invoiceId: i.id }}
                      submitLabel="Établir l'avoir"
                      action={createCreditNoteAction}
                      toastOnSuccess
                      confirm={{
                        title: `Établir un avoir sur la facture n° ${i.number} ?`,
                        description: "L'avoir reçoit un numéro, il est envoyé à la famille par e-mail et ne peut plus être supprimé.",
                        confirmLabel: "Établir l'avoir",
                      }}
                      defaultValues={{ amount: "", reason: "" }}
                      fields={[
                        {
                          name: "amount",
                          label: "Montant de l'avoir (€)",
                          required: true,
                          hint: `Au plus ${formatCents(i.totalCents - i.creditedCents)}.`,
                        },
                        {
                          name: "reason",
                          label: "Motif de l'avoir",
                          required: true,
                          hint: "Par exemple : absence justifiée par un certificat médical.",
                        },
                      ]}
                    />
                  </details>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
