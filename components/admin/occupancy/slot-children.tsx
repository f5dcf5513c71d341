import Link from "next/link";
import { isIn, RESERVATION_CODES, RESERVATION_STATUSES, statusLabel, statusTone } from "@/lib/workflow";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import type { SlotDetail } from "./types";
import { linkClass } from "@/components/ui/classes";

/** The slot's children: those booked (with their status), those cancelled by the structure, and the waiting list in order. */
export function SlotChildren({ detail }: { detail: SlotDetail }) {
  const present = detail.booked.filter((r) => !isIn(RESERVATION_STATUSES.CANCELLED_BY_STRUCTURE, r.status));
  const cancelledRows = detail.booked.filter((r) => isIn(RESERVATION_STATUSES.CANCELLED_BY_STRUCTURE, r.status));
  return (
    <Card>
      <h3 className="mb-2 text-lg font-bold">Enfants ({present.length})</h3>
      {present.length === 0 ? (
        <p>Aucun enfant.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-gray-200" aria-label="Enfants de ce jour">
          {present.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {r.child.firstName} {r.child.lastName.toUpperCase()}
                {r.group ? <span className="text-sm text-gray-700"> · {r.group}</span> : null} —{" "}
                <Link href={`/admin/familles/${r.family.id}`} className={linkClass}>
                  {r.family.name}
                </Link>
              </span>
              <StatusBadge
                code={RESERVATION_CODES[r.status]}
                label={statusLabel("RESERVATION", r.status)}
                tone={statusTone("RESERVATION", r.status)}
              />
            </li>
          ))}
        </ul>
      )}
      {cancelledRows.length > 0 ? (
        <>
          <h3 className="mb-2 mt-4 text-lg font-bold">Annulés par la structure ({cancelledRows.length})</h3>
          <ul className="flex flex-col divide-y divide-gray-200" aria-label="Réservations annulées par la structure">
            {cancelledRows.map((r) => (
              <li key={r.id} className="py-2">
                {r.child.firstName} {r.child.lastName.toUpperCase()} —{" "}
                <Link href={`/admin/familles/${r.family.id}`} className={linkClass}>
                  {r.family.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="mb-2 mt-4 text-lg font-bold">Liste d&apos;attente ({detail.waiting.length})</h3>
      {detail.waiting.length === 0 ? (
        <p>Personne en attente.</p>
      ) : (
        <ol className="flex flex-col divide-y divide-gray-200" aria-label="Liste d'attente de ce jour">
          {detail.waiting.map((r) => (
            <li key={r.id} className="py-2">
              n°{r.position} : {r.child.firstName} {r.child.lastName.toUpperCase()} —{" "}
              <Link href={`/admin/familles/${r.family.id}`} className={linkClass}>
                {r.family.name}
              </Link>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
