"use client";
import type { ComponentProps } from "react";
import Link from "next/link";
import { DecisionControls } from "@/components/admin/decision-controls";
import { SelectBox } from "@/components/admin/bulk-decision-form";
import { Details } from "@/components/ui/editable-section";
import { Badge } from "@/components/ui/badge";
import { cardClass, linkClass } from "@/components/ui/classes";

/** One pending demande de modification, as words (app/admin/demandes-de-modification/page.tsx). */
export interface ChangeRequestCard {
  id: string;
  /** « Modification de l'adresse », « Ajout de l'enfant Léa » */
  label: string;
  family: { id: string; name: string };
  sent: string;
  /** A new child: its warnings (text, tone) and its details (term, words). */
  child?: {
    badges: [string, "refused" | "waiting"][];
    details: [string, string][];
  };
  /** Otherwise, field by field: before → asked. */
  changes?: { field: string; before: string; after: string }[];
}

/**
 * The pending demandes de modification of a page (ADR 047): one client list fed words — each card the change asked
 * (or the new child's details), its checkbox for the batch form `formId` and its decision.
 */
export function ChangeRequestCards({
  formId,
  cards,
  accept,
  refuse,
}: {
  formId: string;
  cards: ChangeRequestCard[];
  accept: NonNullable<ComponentProps<typeof DecisionControls>["accept"]>;
  refuse: ComponentProps<typeof DecisionControls>["refuse"];
}) {
  return (
    <ul className="grid gap-4 md:grid-cols-2">
      {cards.map((request) => {
        const subject = `${request.label} — ${request.family.name}`;
        return (
          <li key={request.id} className={cardClass}>
            <article aria-label={subject}>
              <h3 className="font-bold">{request.label}</h3>
              <p className="text-sm">
                <Link href={`/admin/familles/${request.family.id}`} className={linkClass}>
                  {request.family.name}
                </Link>
                {` — envoyée le ${request.sent}`}
              </p>
              {request.child ? (
                <div className="mt-2">
                  <p className="mb-2 flex flex-wrap gap-2">
                    {request.child.badges.map(([text, tone]) => (
                      <Badge key={text} tone={tone}>
                        {text}
                      </Badge>
                    ))}
                  </p>
                  <Details rows={request.child.details} />
                </div>
              ) : (
                <table className="mt-2 w-full text-left text-sm">
                  <caption className="sr-only">Modifications demandées</caption>
                  <thead>
                    <tr>
                      <th scope="col">Champ</th>
                      <th scope="col">Avant</th>
                      <th scope="col">Demandé</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(request.changes ?? []).map((change) => (
                      <tr key={change.field} className="border-t border-gray-200 align-top">
                        <th scope="row" className="pr-2 font-semibold">
                          {change.field}
                        </th>
                        <td className="pr-2">{change.before}</td>
                        <td className="font-semibold">{change.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <SelectBox formId={formId} id={request.id} label={subject} />
              <DecisionControls id={request.id} subject={subject} accept={accept} refuse={refuse} />
            </article>
          </li>
        );
      })}
    </ul>
  );
}
