import type { ComponentProps } from "react";
import Link from "next/link";
import type { QueuedReservation } from "@/lib/reservations/list-reservation-queue";
import { formatDateTime, formatLongDate, formatMonth } from "@/lib/format";
import { isIn, RESERVATION_CODES, RESERVATION_STATUSES, statusLabel, statusTone } from "@/lib/workflow";
import { DecisionControls } from "@/components/admin/decision-controls";
import { CancellationDecision } from "@/components/admin/cancellation-decision";
import { CancellationChoice } from "@/components/admin/cancellation-batch";
import { SelectBox } from "@/components/admin/bulk-decision-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { Badge } from "@/components/ui/badge";
import type { DataRow } from "@/components/ui/data-table";
import { linkClass } from "@/components/ui/classes";

/** The page's server actions for one request, handed down as props (components never import from app/). */
export interface QueueRowActions {
  accept: NonNullable<ComponentProps<typeof DecisionControls>["accept"]>;
  refuse: ComponentProps<typeof DecisionControls>["refuse"];
  decideCancellations: ComponentProps<typeof CancellationDecision>["decide"];
}

/** The columns of both tables (requests, cancellations). */
export const QUEUE_COLUMNS = [
  { key: "choix", header: "Sélection", phoneLabel: false as const },
  { key: "famille", header: "Famille et mois", sortable: true },
  { key: "enfant", header: "Enfant", rowHeader: true },
  { key: "jour", header: "Jour et unité", sortable: true },
  { key: "places", header: "Places ce jour" },
  { key: "etat", header: "État" },
  { key: "envoyee", header: "Envoyée le", sortable: true },
  { key: "decision", header: "Décision", phoneLabel: false as const },
];

/**
 * One row per request: its checkbox (or proposed decision) for the batch form `formId`, the family and month,
 * the child, the day and unit, the day's places, the status, when it was sent, and its own decision.
 */
export function queueRows(items: QueuedReservation[], formId: string, actions: QueueRowActions, serverSide = false): DataRow[] {
  return items.map((q) => {
    const subject = `${q.child.firstName} ${q.child.lastName.toUpperCase()} — ${q.unit.name}, ${formatLongDate(q.day)}`;
    const full = q.availability.booked >= q.availability.capacity;
    return {
      id: q.id,
      label: subject,
      // Searched and sorted by the server (ADR 043): nothing for the browser to filter on.
      ...(serverSide
        ? {}
        : {
            search: `${q.child.firstName} ${q.child.lastName} ${q.family.name} ${q.activity.name} ${q.unit.name}`,
            sort: { famille: `${q.family.name} ${q.day.slice(0, 7)}`, jour: q.day, envoyee: q.sentAt.getTime() },
          }),
      cells: {
        choix: isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, q.status) ? (
          <CancellationChoice formId={formId} id={q.id} label={subject} proposed={q.proposedCancellation ?? "BILLED"} />
        ) : (
          <SelectBox formId={formId} id={q.id} label={subject} />
        ),
        famille: (
          <>
            <Link href={`/admin/familles/${q.family.id}`} className={linkClass}>
              {q.family.name}
            </Link>
            <span className="block text-sm capitalize text-gray-700">{formatMonth(q.day.slice(0, 7))}</span>
          </>
        ),
        enfant: (
          <>
            {q.child.firstName} {q.child.lastName.toUpperCase()}
          </>
        ),
        jour: (
          <>
            {formatLongDate(q.day)}
            <span className="block text-sm text-gray-700">
              {q.unit.name} · {q.activity.name}
            </span>
          </>
        ),
        places: (
          <Badge tone={full ? "refused" : q.availability.capacity - q.availability.booked <= 3 ? "waiting" : "done"}>
            {q.availability.booked} / {q.availability.capacity} réservées
            {q.availability.waiting ? ` · ${q.availability.waiting} en attente` : ""}
          </Badge>
        ),
        etat: (
          <StatusBadge
            code={RESERVATION_CODES[q.status]}
            label={statusLabel("RESERVATION", q.status)}
            tone={statusTone("RESERVATION", q.status)}
          />
        ),
        envoyee: <span className="text-sm">{formatDateTime(q.sentAt)}</span>,
        decision: isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, q.status) ? (
          <CancellationDecision
            id={q.id}
            subject={subject}
            proposed={q.proposedCancellation ?? "BILLED"}
            decide={actions.decideCancellations}
          />
        ) : (
          <DecisionControls
            id={q.id}
            subject={subject}
            accept={actions.accept}
            refuse={actions.refuse}
            acceptedMessage="Réservation validée"
            refusedMessage="Demande refusée"
          />
        ),
      },
    };
  });
}
