import Link from "next/link";
import { PAYMENT_METHOD_LABELS } from "@/lib/billing/schemas";
import { formatCalendarDate, formatCents } from "@/lib/format";
import { statusLabel, statusTone } from "@/lib/workflow";
import { isIn, PAYMENT_STATUSES } from "@/lib/workflow/machines";
import type { ActionResult } from "@/lib/action-result";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { StatusBadge } from "@/components/ui/status-badge";
import { SchemaForm } from "@/components/form/schema-form";
import { linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { isStuck, waitingSince } from "@/lib/billing/payment-age";
import { AbandonPaymentButton } from "./abandon-payment-button";

interface PaymentRow {
  id: string;
  /** The number on the parent's receipt (« Reçu du paiement n° 12 »). */
  number: number;
  method: keyof typeof PAYMENT_METHOD_LABELS;
  status: "PENDING" | "SUCCEEDED" | "FAILED";
  amountCents: number;
  reference: string | null;
  receivedAt: Date | null;
  createdAt: Date;
  anomaly: string | null;
  anomalyResolvedAt: Date | null;
  anomalyNote: string | null;
  stripePaymentIntentId: string | null;
  family: { id: string; name: string };
  allocations: { amountCents: number; invoice: { number: string } }[];
}

/** Payments, online and at the desk: an anomaly is shown in full with « Anomalie traitée » until staff say what they did. */
export function PaymentsTable(props: {
  payments: PaymentRow[];
  showFamily: boolean;
  resolve: (input: Record<string, unknown>) => Promise<ActionResult<{ message: string }>>;
  /** « Marquer abandonné » for an online payment stuck « en cours de confirmation ». */
  abandon: (input: { paymentId: string }) => Promise<ActionResult<{ message: string }>>;
  now: Date;
}) {
  const rows: DataRow[] = props.payments.map((p) => ({
    id: p.id,
    label: `Paiement de ${formatCents(p.amountCents)}, ${p.family.name}`,
    search: `n° ${p.number} ${p.family.name} ${p.reference ?? ""} ${p.stripePaymentIntentId ?? ""} ${p.allocations.map((a) => a.invoice.number).join(" ")}`,
    sort: { date: (p.receivedAt ?? p.createdAt).toISOString(), montant: p.amountCents, famille: p.family.name },
    cells: {
      numero: String(p.number),
      date: formatCalendarDate(p.receivedAt ?? p.createdAt),
      famille: (
        <Link className={linkClass} href={`/admin/facturation/familles/${p.family.id}`}>
          {p.family.name}
        </Link>
      ),
      mode: PAYMENT_METHOD_LABELS[p.method],
      // A Stripe reference is one long word (« pi_local_… »): it wraps anywhere rather than widen the page on a phone.
      reference: (
        <span className="[overflow-wrap:anywhere]">
          {p.reference ?? (p.stripePaymentIntentId ? `Stripe ${p.stripePaymentIntentId}` : "")}
        </span>
      ),
      montant: formatCents(p.amountCents),
      factures: p.allocations.map((a) => `${a.invoice.number} (${formatCents(a.amountCents)})`).join(", ") || "—",
      etat: (
        <span className="flex flex-col items-start gap-1">
          <span id={`paiement-${p.id}`} tabIndex={-1} className="focus:outline-2">
            <StatusBadge label={statusLabel("PAYMENT", p.status)} tone={statusTone("PAYMENT", p.status)} />
          </span>
          {(p.method === "STRIPE" || p.method === "PAYFIP") && isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, p.status) ? (
            <span className="text-sm">{waitingSince(p.createdAt, props.now).replace(/^./, (c) => c.toUpperCase())}</span>
          ) : null}
          {(p.method === "STRIPE" || p.method === "PAYFIP") &&
          isIn(PAYMENT_STATUSES.AWAITING_CONFIRMATION, p.status) &&
          isStuck(p.createdAt, props.now) ? (
            <AbandonPaymentButton
              paymentId={p.id}
              label={`Paiement de ${formatCents(p.amountCents)}, ${p.family.name}`}
              since={waitingSince(p.createdAt, props.now)}
              abandon={props.abandon}
            />
          ) : null}
          {p.anomaly ? (
            <span className="text-sm">
              <strong>{p.anomalyResolvedAt ? "Anomalie traitée" : "À vérifier"} :</strong> {p.anomaly}
              {p.anomalyNote ? ` — ${p.anomalyNote}` : ""}
            </span>
          ) : null}
          {p.anomaly && !p.anomalyResolvedAt ? (
            <details>
              <summary className={cn(linkClass, "cursor-pointer")}>Anomalie traitée</summary>
              <SchemaForm
                schema="resolveAnomaly"
                idPrefix={`anomalie-${p.id}`}
                hidden={{ paymentId: p.id }}
                defaultValues={{ note: "" }}
                submitLabel="Enregistrer"
                action={props.resolve}
                fields={[
                  {
                    name: "note",
                    label: "Ce qui a été fait",
                    required: true,
                    type: "textarea",
                    rows: 2,
                    hint: "Remboursé, affecté à une facture…",
                  },
                ]}
              />
            </details>
          ) : null}
        </span>
      ),
    },
  }));
  return (
    <DataTable
      caption="Paiements"
      rows={rows}
      filterLabel="Filtrer (famille, référence, facture)"
      emptyTitle="Aucun paiement"
      columns={[
        { key: "numero", header: "N°" },
        { key: "date", header: "Date", sortable: true, rowHeader: true },
        ...(props.showFamily ? [{ key: "famille", header: "Famille", sortable: true }] : []),
        { key: "mode", header: "Mode" },
        { key: "reference", header: "Référence" },
        { key: "montant", header: "Montant", sortable: true },
        { key: "factures", header: "Factures" },
        { key: "etat", header: "État" },
      ]}
    />
  );
}
