import { cardClass, linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { LinkButton } from "@/components/ui/link-button";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ActionResult } from "@/lib/action-result";
import { formatCalendarDate, formatCents, formatMonth } from "@/lib/format";
import { isIn, SEPA_MANDATE_STATUS_LABELS, SEPA_MANDATE_STATUSES } from "@/lib/workflow/machines";
import { SepaRevokeButton } from "./sepa-revoke-button";

export interface SepaMandateCardProps {
  mandates: {
    id: string;
    lieu: string;
    rum: string;
    holderName: string;
    maskedIban: string;
    status: "ACTIVE" | "REVOKED";
    signedAt: Date;
    firstMonth: string;
  }[];
  /** The lieux the family may still sign a mandate for. */
  signable: { id: string; name: string }[];
  pending: { invoiceId: string; amountCents: number; dueDate: Date }[];
  revoke: (input: { mandateId: string }) => Promise<ActionResult<{ message: string }>>;
  /** Staff see the family's mandates without « Mettre en place » (they record a paper one). */
  forStaff?: boolean;
}

/** « Prélèvement automatique » (ADR 053): the family's active mandates, or the way to set one up. */
export function SepaMandateCard(props: SepaMandateCardProps) {
  const active = props.mandates.filter((m) => isIn(SEPA_MANDATE_STATUSES.ACTIVE, m.status));
  const revoked = props.mandates.filter((m) => isIn(SEPA_MANDATE_STATUSES.REVOKED, m.status));
  if (props.mandates.length === 0 && props.signable.length === 0) return null;
  return (
    <section aria-labelledby="prelevement" className={cn(cardClass, "mb-8")}>
      <h2 id="prelevement" tabIndex={-1} className="mb-2 text-xl font-bold">
        Prélèvement automatique
      </h2>
      {active.length === 0 ? (
        <p className="mb-3">
          {props.forStaff
            ? "Aucun mandat actif."
            : "Vos factures peuvent être prélevées chaque mois sur votre compte : vous êtes prévenu par e-mail du montant et de la date avant chaque prélèvement."}
        </p>
      ) : null}
      <ul className="flex flex-col gap-3">
        {active.map((m) => (
          <li key={m.id} className="rounded-md border border-gray-300 p-3">
            <p className="mb-1 flex flex-wrap items-center gap-2 font-semibold">
              Mandat {m.rum} <StatusBadge label={SEPA_MANDATE_STATUS_LABELS.ACTIVE} tone="done" />
            </p>
            <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
              <div>
                <dt className="inline font-semibold">Titulaire : </dt>
                <dd className="inline">{m.holderName}</dd>
              </div>
              <div>
                <dt className="inline font-semibold">Compte : </dt>
                <dd className="inline">{m.maskedIban}</dd>
              </div>
              <div>
                <dt className="inline font-semibold">Lieu d&apos;accueil : </dt>
                <dd className="inline">{m.lieu}</dd>
              </div>
              <div>
                <dt className="inline font-semibold">Depuis le : </dt>
                <dd className="inline">
                  {formatCalendarDate(m.signedAt)} (factures de {formatMonth(m.firstMonth)} et suivantes)
                </dd>
              </div>
            </dl>
            <p className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
              <a
                className={cn(linkClass, "inline-flex min-h-11 items-center sm:min-h-0")}
                href={`/mes-factures/prelevement/mandat/${m.id}`}
                download
              >
                Télécharger le mandat (PDF)
              </a>
              <SepaRevokeButton mandateId={m.id} rum={m.rum} revoke={props.revoke} />
            </p>
          </li>
        ))}
      </ul>
      {props.pending.length > 0 ? (
        <p className="mt-3 text-sm">
          Prélèvement{props.pending.length > 1 ? "s" : ""} à venir :{" "}
          {props.pending.map((p) => `${formatCents(p.amountCents)} le ${formatCalendarDate(p.dueDate)}`).join(" ; ")}.
        </p>
      ) : null}
      {props.signable.length > 0 && !props.forStaff ? (
        <LinkButton href="/mes-factures/prelevement" variant={active.length ? "secondary" : "primary"} className="mt-3">
          Mettre en place le prélèvement
        </LinkButton>
      ) : null}
      {revoked.length > 0 ? (
        <details className="mt-3 text-sm">
          <summary className={cn(linkClass, "cursor-pointer")}>Mandats révoqués ({revoked.length})</summary>
          <ul className="mt-1">
            {revoked.map((m) => (
              <li key={m.id}>
                {m.rum} — {m.maskedIban} —{" "}
                <a className={linkClass} href={`/mes-factures/prelevement/mandat/${m.id}`} download>
                  PDF du mandat {m.rum}
                </a>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
