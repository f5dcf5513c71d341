import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/format";
import type { FamilyHistory } from "./types";
import { cardClass } from "@/components/ui/classes";

/** « Historique des demandes » (each request with every decision on it), then « Modifications faites par l'accueil ». */
export function FamilyHistorySection({ history }: { history: FamilyHistory }) {
  return (
    <>
      <h2 className="mb-2 mt-6 text-xl font-bold">Historique des demandes</h2>
      {history.requests.length === 0 ? (
        <p>Aucune demande.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {history.requests.map((request) => (
            <li key={request.id} className={cardClass}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-semibold">{request.label}</span>
                <StatusBadge label={request.state.label} tone={request.state.tone} />
              </div>
              <ul className="mt-1 text-sm">
                {history.log
                  .filter((l) => l.entityId === request.id)
                  .map((entry) => (
                    <li key={entry.id}>
                      {formatDateTime(entry.at)} — {entry.from ? `${entry.from} → ` : "envoyée : "}
                      {entry.to} par {entry.who}
                      {entry.reason ? ` (motif : ${entry.reason})` : ""}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}

      <h2 className="mb-2 mt-6 text-xl font-bold" id="modifications-accueil">
        Modifications faites par l&apos;accueil
      </h2>
      {history.staffEdits.length === 0 ? (
        <p>Aucune modification directe.</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-labelledby="modifications-accueil">
          {history.staffEdits.map((edit) => (
            <li key={edit.id} className={cardClass}>
              <p className="font-semibold">
                {edit.what} — {formatDateTime(edit.at)} par {edit.who}
              </p>
              <ul className="mt-1 text-sm">
                {edit.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
