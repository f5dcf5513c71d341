"use client";
import type { ComponentProps } from "react";
import Link from "next/link";
import type { Tone } from "@/lib/workflow/machines";
import { DecisionControls } from "@/components/admin/decision-controls";
import { CancellationDecision } from "@/components/admin/cancellation-decision";
import { CancellationChoice } from "@/components/admin/cancellation-batch";
import { SelectBox } from "@/components/admin/bulk-decision-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { Badge } from "@/components/ui/badge";
import { PagedDataTable } from "@/components/ui/data-table-paged";
import type { DataRow, ServerSide } from "@/components/ui/data-table-types";
import { linkClass } from "@/components/ui/classes";

/** One request of a queue page, as words (components/admin/reservation-queue/queue-rows.ts). */
export interface QueueRow {
  id: string;
  family: { id: string; name: string };
  /** « décembre 2026 » */
  month: string;
  /** « Léa MARTIN » */
  child: string;
  /** « jeudi 10 décembre 2026 » */
  day: string;
  unit: string;
  activity: string;
  /** « 12 / 20 réservées · 3 en attente » */
  places: string;
  placesTone: "refused" | "waiting" | "done";
  /** Code, label, tone. */
  status: [string, string, Tone];
  /** When it was sent, in words. */
  sent: string;
  /** A DA: the decision the cancellation deadline proposes. */
  cancellation?: "EXCUSED" | "BILLED";
}

/** The page's server actions for one request, handed down as props (components never import from app/). */
export interface QueueRowActions {
  accept: NonNullable<ComponentProps<typeof DecisionControls>["accept"]>;
  refuse: ComponentProps<typeof DecisionControls>["refuse"];
  decideCancellations: ComponentProps<typeof CancellationDecision>["decide"];
}

/** The columns of both tables (requests, cancellations). */
const QUEUE_COLUMNS = [
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
 * A page of a reservation queue (ADR 047): one client component fed plain rows — per request its checkbox (or
 * proposed decision) for the batch form `formId`, the family and month, the child, the day and unit, the day's places,
 * the status, when it was sent, and its own decision.
 */
export function QueueTable({
  caption,
  formId,
  rows,
  actions,
  server,
}: {
  caption: string;
  formId: string;
  rows: QueueRow[];
  actions: QueueRowActions;
  server: ServerSide;
}) {
  const dataRows: DataRow[] = rows.map((q) => {
    const subject = `${q.child} — ${q.unit}, ${q.day}`;
    return {
      id: q.id,
      label: subject,
      cells: {
        choix: q.cancellation ? (
          <CancellationChoice formId={formId} id={q.id} label={subject} proposed={q.cancellation} />
        ) : (
          <SelectBox formId={formId} id={q.id} label={subject} />
        ),
        famille: (
          <>
            <Link href={`/admin/familles/${q.family.id}`} className={linkClass}>
              {q.family.name}
            </Link>
            <span className="block text-sm capitalize text-gray-700">{q.month}</span>
          </>
        ),
        enfant: q.child,
        jour: (
          <>
            {q.day}
            <span className="block text-sm text-gray-700">
              {q.unit} · {q.activity}
            </span>
          </>
        ),
        places: <Badge tone={q.placesTone}>{q.places}</Badge>,
        etat: <StatusBadge code={q.status[0]} label={q.status[1]} tone={q.status[2]} />,
        envoyee: <span className="text-sm">{q.sent}</span>,
        decision: q.cancellation ? (
          <CancellationDecision id={q.id} subject={subject} proposed={q.cancellation} decide={actions.decideCancellations} />
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
  return <PagedDataTable caption={caption} rows={dataRows} columns={QUEUE_COLUMNS} server={server} />;
}
