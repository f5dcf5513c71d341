import { Card } from "@/components/ui/card";
import { linkClass } from "@/components/ui/classes";
import { formatCents, formatDateTime } from "@/lib/format";

/** The receipt of a payment received (issue 24): its number, amount and date, and the quittance of each invoice it settled. */
export function PaymentReceipt(props: {
  number: number;
  amountCents: number;
  receivedAt: Date;
  settled: { invoiceId: string; number: string; amountCents: number; hasQuittance: boolean }[];
  /** How it was paid, when not by card on Stripe (PayFiP: the Trésor public's page, ADR 054). */
  method?: string;
}) {
  return (
    <Card title={`Reçu du paiement n° ${props.number}`} titleId="recu" className="mb-4">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-semibold">Paiement n°</dt>
        <dd>{props.number}</dd>
        <dt className="font-semibold">Montant</dt>
        <dd>{formatCents(props.amountCents)}</dd>
        <dt className="font-semibold">Date</dt>
        <dd>{formatDateTime(props.receivedAt)}</dd>
        <dt className="font-semibold">Moyen</dt>
        <dd>{props.method ?? "Carte bancaire, en ligne"}</dd>
      </dl>
      {props.settled.length > 0 ? (
        <>
          <h3 className="mt-4 mb-1 font-semibold">Factures réglées</h3>
          <ul className="flex flex-col gap-2">
            {props.settled.map((s) => (
              <li key={s.invoiceId}>
                <p>
                  Facture n° {s.number} : {formatCents(s.amountCents)}
                </p>
                {s.hasQuittance ? (
                  <a className={linkClass} href={`/factures/${s.invoiceId}/quittance`} download>
                    Télécharger la quittance de la facture n° {s.number} (PDF)
                  </a>
                ) : (
                  <p className="text-sm text-gray-800">La quittance sera disponible quand la facture sera entièrement payée.</p>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
