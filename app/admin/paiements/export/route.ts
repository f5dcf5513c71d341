import { stringify } from "csv-stringify/sync";
import { listPayments, paymentFilterOf } from "@/lib/billing/list-payments";
import { formatCalendarDate } from "@/lib/format";
import { statusLabel } from "@/lib/workflow";
import { attachment } from "@/lib/http/download";
import { staffRoute } from "@/lib/http/route";
import { PAYMENT_METHOD_LABELS } from "@/lib/billing/schemas";
import { parisDay } from "@/lib/calendar/paris";

/** The filtered payments as CSV for the treasury (« ; », BOM, amounts in euros with a comma, formulas neutralised). */
export const GET = staffRoute(async (request, staff) => {
  const url = new URL(request.url);
  const filter = paymentFilterOf((name) => url.searchParams.get(name)?.slice(0, 20) || undefined, parisDay(new Date()));
  const { payments } = await listPayments(filter, staff.scope, 100_000);
  const euros = (cents: number) => (cents / 100).toFixed(2).replace(".", ",");
  const csv = stringify(
    payments.map((p) => [
      formatCalendarDate(p.receivedAt ?? p.createdAt),
      p.number,
      p.family.name,
      PAYMENT_METHOD_LABELS[p.method],
      p.reference ?? "",
      p.stripePaymentIntentId ?? "",
      euros(p.amountCents),
      p.allocations.map((a) => `${a.invoice.number} (${euros(a.amountCents)})`).join(", "),
      statusLabel("PAYMENT", p.status),
      p.anomaly ? `${p.anomaly}${p.anomalyResolvedAt ? ` — traitée : ${p.anomalyNote ?? ""}` : ""}` : "",
    ]),
    {
      header: true,
      delimiter: ";",
      escape_formulas: true,
      columns: [
        "Date",
        "N° de paiement",
        "Famille",
        "Mode",
        "Référence",
        "Référence Stripe",
        "Montant (€)",
        "Factures",
        "État",
        "Anomalie",
      ],
    },
  );
  return attachment(
    `\uFEFF${csv}`,
    filter.from || filter.to ? `paiements-${filter.from ?? "debut"}-${filter.to ?? "fin"}.csv` : "paiements.csv",
    "text/csv; charset=utf-8",
  );
});

export const dynamic = "force-dynamic";
