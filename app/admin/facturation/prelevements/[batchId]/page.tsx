import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { parisDay } from "@/lib/calendar/paris";
import { formatCents } from "@/lib/format";
import { listBatchDebits } from "@/lib/billing/sepa/export-batch";
import { rejectionOptions } from "@/lib/billing/sepa/rejection-codes";
import { NotFoundError } from "@/lib/errors";
import { PageHeader } from "@/components/ui/page-header";
import { SchemaForm } from "@/components/form/schema-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { Page } from "@/components/ui/page";
import { cardClass, linkClass } from "@/components/ui/classes";
import { DIRECT_DEBIT_STATUS_LABELS, DIRECT_DEBIT_STATUSES, isIn } from "@/lib/workflow";
import { rejectDebitAction } from "../actions";

export const metadata: Metadata = { title: "Prélèvements du lot" };

const TONES = { PENDING: "waiting", COLLECTED: "done", REJECTED: "refused" } as const;

/** One batch's debits; « Enregistrer le rejet » on each one not rejected yet. */
export default async function BatchPage({ params }: { params: Promise<{ batchId: string }> }) {
  const { batchId } = await params;
  const staff = await staffPage(`/admin/facturation/prelevements/${batchId}`);
  const debits = await listBatchDebits({ batchId, scope: staff.scope }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <Page width="wide">
      <PageHeader
        title="Prélèvements du lot"
        breadcrumbs={[
          { label: "Facturation", href: "/admin/facturation" },
          { label: "Prélèvements SEPA", href: "/admin/facturation/prelevements" },
        ]}
        description={
          <a className={linkClass} href={`/admin/facturation/prelevements/${batchId}/fichier`} download>
            Télécharger le fichier XML du lot
          </a>
        }
      />
      <ul className="flex flex-col gap-3">
        {debits.map((d) => (
          <li key={d.id} id={`prelevement-${d.id}`} className={cardClass}>
            <p className="flex flex-wrap items-center gap-2 font-semibold">
              Facture {d.invoiceNumber} —{" "}
              <Link className={linkClass} href={`/admin/facturation/familles/${d.familyId}`}>
                {d.payerName}
              </Link>{" "}
              — {formatCents(d.amountCents)} <StatusBadge label={DIRECT_DEBIT_STATUS_LABELS[d.status]} tone={TONES[d.status]} />
            </p>
            <p className="text-sm">
              Mandat {d.mandate.rum} ({d.mandate.holderName}) · {d.sequence} · EndToEndId {d.endToEndId}
              {d.rejectionCode ? ` · Motif du rejet : ${d.rejectionCode} — ${d.rejectionLabel}` : ""}
            </p>
            {isIn(DIRECT_DEBIT_STATUSES.REJECTED, d.status) ? null : (
              <details className="mt-2">
                <summary className={`${linkClass} cursor-pointer`}>Enregistrer un rejet pour la facture {d.invoiceNumber}</summary>
                <SchemaForm
                  schema="sepaReject"
                  idPrefix={`rejet-${d.id}`}
                  hidden={{ debitId: d.id }}
                  fields={[
                    { name: "code", label: "Motif du rejet", type: "select", required: true, options: rejectionOptions() },
                    { name: "rejectedOn", label: "Date du rejet", type: "date", required: true },
                  ]}
                  defaultValues={{ code: "AM04", rejectedOn: parisDay(new Date()) }}
                  submitLabel="Enregistrer le rejet"
                  action={rejectDebitAction}
                  toastOnSuccess
                  focusAfter={[`prelevement-${d.id}`]}
                  confirm={{
                    title: `Enregistrer le rejet du prélèvement de la facture ${d.invoiceNumber} ?`,
                    description: isIn(DIRECT_DEBIT_STATUSES.COLLECTED, d.status)
                      ? "Le paiement par prélèvement est annulé, la facture redevient à payer, les frais de rejet éventuels sont facturés et la famille est prévenue par e-mail."
                      : "La facture redevient à payer, les frais de rejet éventuels sont facturés et la famille est prévenue par e-mail.",
                    confirmLabel: "Enregistrer le rejet",
                  }}
                />
              </details>
            )}
          </li>
        ))}
      </ul>
    </Page>
  );
}
