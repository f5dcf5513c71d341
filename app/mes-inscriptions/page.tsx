import type { Metadata } from "next";
import Link from "next/link";
import { parentPage } from "@/lib/auth/session";
import { listFamilyInscriptions } from "@/lib/inscriptions/list-inscriptions";
import { formatCalendarDate } from "@/lib/format";
import { FlashMessage } from "@/components/ui/toast";
import { WithdrawButton } from "@/components/inscriptions/withdraw-button";
import { withdrawInscriptionAction } from "./actions";

export const metadata: Metadata = { title: "Mes inscriptions" };

const MARKER_STYLE: Record<string, string> = {
  V: "bg-green-100 text-green-900 border-green-700",
  "?": "bg-amber-100 text-amber-900 border-amber-700",
  "!": "bg-orange-100 text-orange-950 border-orange-700",
};

export default async function MyInscriptionsPage() {
  const user = await parentPage("/mes-inscriptions");
  const inscriptions = await listFamilyInscriptions(user.familyId, "PARENT");
  return (
    <div className="page">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>Mes inscriptions</h1>
      <FlashMessage />
      <p className="mb-4 text-sm">
        <strong>Ne pas confondre :</strong> l&apos;inscription inscrit votre enfant à une activité pour une période ; une fois
        validée (V), vous pourrez réserver les jours.
      </p>
      <p className="mb-4"><Link href="/mes-inscriptions/nouvelle" className="btn btn-primary">Nouvelle inscription</Link></p>
      {inscriptions.length === 0 ? <p>Aucune inscription pour le moment.</p> : (
        <ul className="flex flex-col gap-3">
          {inscriptions.map((inscription) => {
            const title = `${inscription.child.firstName} — ${inscription.activity.name}`;
            return (
              <li key={inscription.id} className="card">
                <article aria-label={`${title} (${inscription.period.name})`}>
                  <div className="flex items-start gap-3">
                    <span
                      className={`inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-full border text-lg font-bold ${MARKER_STYLE[inscription.marker.symbol] ?? "border-gray-600 bg-gray-100 text-gray-900"}`}
                      aria-hidden="true"
                    >
                      {inscription.marker.symbol}
                    </span>
                    <div className="min-w-0 flex-1">
                      <h2 className="font-bold">{title}</h2>
                      <p className="text-sm">{inscription.activity.structure.name} · {inscription.activity.careType.name}</p>
                      <p className="text-sm">
                        {inscription.period.name}{inscription.ageGroup ? ` · ${inscription.ageGroup.name}` : ""} — du {formatCalendarDate(inscription.startDate)} au {formatCalendarDate(inscription.endDate)}
                      </p>
                      <p className="mt-1 font-semibold">
                        État : {inscription.marker.label}
                        {inscription.position ? ` (position ${inscription.position})` : ""}
                      </p>
                      {inscription.reason && inscription.can.showReason ? (
                        <p className="text-sm">Motif : {inscription.reason}</p>
                      ) : null}
                      <div className="mt-2 flex flex-wrap gap-2">
                        {inscription.can.attestation ? (
                          <a href={`/mes-inscriptions/${inscription.id}/attestation`} className="btn btn-secondary" download>
                            Demander une attestation d&apos;inscription
                          </a>
                        ) : null}
                        {inscription.can.withdraw ? (
                          <WithdrawButton id={inscription.id} label={title} withdraw={withdrawInscriptionAction} />
                        ) : null}
                      </div>
                    </div>
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
