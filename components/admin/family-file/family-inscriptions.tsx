import { StatusBadge } from "@/components/ui/status-badge";
import { DecisionControls } from "@/components/admin/decision-controls";
import { formatCalendarDate } from "@/lib/format";
import type { DecisionAction, FamilyInscription } from "./types";
import { cardClass } from "@/components/ui/classes";

/** « Inscriptions »: each inscription's child, activity, period and dates, its marker, and its cancel when allowed. */
export function FamilyInscriptions({
  inscriptions,
  cancelInscription,
}: {
  inscriptions: FamilyInscription[];
  cancelInscription: DecisionAction;
}) {
  return (
    <>
      <h2 className="mb-2 mt-6 text-xl font-bold">Inscriptions</h2>
      {inscriptions.length === 0 ? (
        <p>Aucune inscription.</p>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {inscriptions.map((inscription) => {
            const subject = `inscription de ${inscription.child.firstName} — ${inscription.activity.name} (${inscription.period.name})`;
            return (
              <li key={inscription.id} className={cardClass}>
                <article aria-label={subject}>
                  <p className="font-semibold">
                    {inscription.child.firstName} — {inscription.activity.name}
                  </p>
                  <p className="text-sm">
                    {inscription.period.name}
                    {inscription.ageGroup ? ` · ${inscription.ageGroup.name}` : ""} — du {formatCalendarDate(inscription.startDate)} au{" "}
                    {formatCalendarDate(inscription.endDate)}
                  </p>
                  <p className="mt-1">
                    <StatusBadge
                      code={inscription.marker.symbol}
                      label={`${inscription.marker.label}${inscription.position ? ` (position ${inscription.position})` : ""}`}
                      tone={inscription.marker.tone}
                    />
                  </p>
                  {inscription.reason && inscription.can.showReason ? <p className="text-sm">Motif : {inscription.reason}</p> : null}
                  {inscription.can.cancel ? (
                    <DecisionControls
                      id={inscription.id}
                      subject={subject}
                      refuse={cancelInscription}
                      refuseLabel="Annuler l'inscription"
                      reasonLabel="Motif de l'annulation"
                    />
                  ) : null}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
