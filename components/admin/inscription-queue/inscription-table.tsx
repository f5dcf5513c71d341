"use client";
import type { ComponentProps } from "react";
import Link from "next/link";
import type { Tone } from "@/lib/workflow/machines";
import { DecisionControls } from "@/components/admin/decision-controls";
import { SelectBox } from "@/components/admin/bulk-decision-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { Badge } from "@/components/ui/badge";
import { PagedDataTable } from "@/components/ui/data-table-paged";
import type { DataRow, ServerSide } from "@/components/ui/data-table-types";
import { linkClass } from "@/components/ui/classes";

/** One inscription request of a queue page, as words (app/admin/inscriptions/page.tsx). */
export interface InscriptionRow {
  id: string;
  /** « Léa MARTIN » */
  child: string;
  /** « Léa Martin »: how the decision names it (« inscription de Léa Martin — Mercredis »). */
  childName: string;
  /** « 7 ans » */
  age: string;
  family: { id: string; name: string };
  activity: string;
  /** « Année 2026-2027 · 6-8 ans · du 01/09/2026 au 30/06/2027 » */
  period: string;
  /** Places left in words and their tone; absent: no limit. */
  places?: [string, "refused" | "waiting" | "done"];
  /** Code, label (with the waiting position), tone. */
  status: [string, string, Tone];
  sent: string;
  /** Someone waits before it in the same group: validating it asks why (the name of who waits). */
  waitsBehind?: string;
}

export interface InscriptionRowActions {
  accept: NonNullable<ComponentProps<typeof DecisionControls>["accept"]>;
  refuse: ComponentProps<typeof DecisionControls>["refuse"];
}

const COLUMNS = [
  { key: "choix", header: "Sélection", phoneLabel: false as const },
  { key: "enfant", header: "Enfant", sortable: true, rowHeader: true },
  { key: "activite", header: "Activité", sortable: true },
  { key: "places", header: "Places" },
  { key: "etat", header: "État" },
  { key: "envoyee", header: "Envoyée le", sortable: true },
  { key: "decision", header: "Décision", phoneLabel: false as const },
];

/** A page of the inscription queue (ADR 047): one client component fed plain rows, the batch form `formId`. */
export function InscriptionTable({
  formId,
  rows,
  actions,
  server,
}: {
  formId: string;
  rows: InscriptionRow[];
  actions: InscriptionRowActions;
  server: ServerSide;
}) {
  const dataRows: DataRow[] = rows.map((r) => {
    const subject = `inscription de ${r.childName} — ${r.activity}`;
    return {
      id: r.id,
      label: subject,
      cells: {
        choix: <SelectBox formId={formId} id={r.id} label={subject} />,
        enfant: (
          <>
            {r.child}
            <span className="block text-sm font-normal text-gray-700">
              {`${r.age} · `}
              <Link href={`/admin/familles/${r.family.id}`} className={linkClass}>
                {r.family.name}
              </Link>
            </span>
          </>
        ),
        activite: (
          <>
            {r.activity}
            <span className="block text-sm text-gray-700">{r.period}</span>
          </>
        ),
        places: r.places ? <Badge tone={r.places[1]}>{r.places[0]}</Badge> : <span className="text-gray-700">sans limite</span>,
        etat: <StatusBadge code={r.status[0]} label={r.status[1]} tone={r.status[2]} />,
        envoyee: <span className="text-sm">{r.sent}</span>,
        decision: (
          <DecisionControls
            id={r.id}
            subject={subject}
            accept={actions.accept}
            refuse={actions.refuse}
            acceptedMessage="Inscription validée"
            acceptNeedsReason={
              r.waitsBehind
                ? {
                    description: `${r.waitsBehind} attend avant cette demande dans la liste d'attente du même groupe. Dites pourquoi vous passez devant : le motif est gardé dans l'historique.`,
                    reasonLabel: "Motif (passer devant la liste d'attente)",
                  }
                : undefined
            }
            refusedMessage="Inscription refusée"
          />
        ),
      },
    };
  });
  return <PagedDataTable caption="Demandes d'inscription en attente" rows={dataRows} columns={COLUMNS} server={server} />;
}
