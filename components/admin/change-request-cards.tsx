"use client";
import type { ComponentProps } from "react";
import Link from "next/link";
import { DecisionControls } from "@/components/admin/decision-controls";
import { SelectBox } from "@/components/admin/bulk-decision-form";
import { Details } from "@/components/ui/editable-section";
import { Badge } from "@/components/ui/badge";
import { cardClass, linkClass } from "@/components/ui/classes";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/action-result";

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
  /**
   * Garde alternée (CHILD_LINK): the children on file the parent's words may name, for staff to choose the one to link
   * (its own « Lier cet enfant », instead of « Valider »).
   */
  candidates?: { id: string; label: string; family: { id: string; name: string }; blocked: string | null }[];
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
  linkChild,
}: {
  formId: string;
  cards: ChangeRequestCard[];
  accept: NonNullable<ComponentProps<typeof DecisionControls>["accept"]>;
  refuse: ComponentProps<typeof DecisionControls>["refuse"];
  linkChild?: (input: { id: string; childId: string }) => Promise<ActionResult<{ message: string }>>;
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
              {request.candidates && linkChild ? (
                <ChildLinkCandidates
                  requestId={request.id}
                  familyName={request.family.name}
                  candidates={request.candidates}
                  linkChild={linkChild}
                />
              ) : null}
              <SelectBox formId={formId} id={request.id} label={subject} />
              <DecisionControls id={request.id} subject={subject} accept={request.candidates ? undefined : accept} refuse={refuse} />
            </article>
          </li>
        );
      })}
    </ul>
  );
}

/** The children a CHILD_LINK request may name: each with its family, and « Lier cet enfant » unless it cannot be. */
function ChildLinkCandidates({
  requestId,
  familyName,
  candidates,
  linkChild,
}: {
  requestId: string;
  familyName: string;
  candidates: NonNullable<ChangeRequestCard["candidates"]>;
  linkChild: (input: { id: string; childId: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  return (
    <div className="mt-3">
      <h4 className="font-semibold">Enfants correspondants</h4>
      {candidates.length === 0 ? (
        <p className="text-sm">
          Aucun enfant inscrit ne correspond (même date de naissance, même nom ou prénom) : vérifiez avec le parent, ou refusez la demande
          en disant pourquoi.
        </p>
      ) : (
        <ul className="mt-1 flex flex-col gap-2">
          {candidates.map((child) => (
            <li key={child.id} className="flex flex-wrap items-center justify-between gap-2 border-t border-gray-200 pt-2 text-sm">
              <span>
                {child.label} —{" "}
                <Link href={`/admin/familles/${child.family.id}`} className={linkClass}>
                  {child.family.name}
                </Link>
                {child.blocked ? <span className="block font-semibold text-amber-900">{child.blocked}</span> : null}
              </span>
              {child.blocked ? null : (
                <ConfirmDialog
                  triggerLabel="Lier cet enfant"
                  triggerVariant="primary"
                  triggerAriaLabel={`Lier ${child.label} au foyer ${familyName}`}
                  title={`Lier ${child.label} au foyer ${familyName} ?`}
                  description={`${child.label} restera dans le foyer ${child.family.name} et sera aussi dans le foyer ${familyName} (garde alternée). Chaque parent le verra ; aucun ne verra le dossier de l'autre. Les deux foyers en sont informés par e-mail.`}
                  confirmLabel="Lier et valider la demande"
                  confirmVariant="primary"
                  action={() => linkChild({ id: requestId, childId: child.id })}
                  done={(data) => data.message}
                  focusAfter={["file-attente", "titre-page"]}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
