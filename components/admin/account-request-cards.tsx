"use client";
import type { ComponentProps } from "react";
import { DecisionControls } from "@/components/admin/decision-controls";
import { SelectBox } from "@/components/admin/bulk-decision-form";
import { cardClass } from "@/components/ui/classes";

/** One pending account request, as words (app/admin/demandes-de-compte/page.tsx). */
export interface AccountRequestCard {
  id: string;
  /** « Mme MARTIN Léa » */
  name: string;
  email: string;
  /** « Née le » / « Né le » and the day. */
  born: [string, string];
  mobilePhone: string;
  homePhone?: string;
  address: string;
  sent: string;
}

/**
 * The pending account requests of a page (ADR 047): one client list fed words — each card its details, its checkbox
 * for the batch form `formId` and its decision.
 */
export function AccountRequestCards({
  formId,
  cards,
  accept,
  refuse,
}: {
  formId: string;
  cards: AccountRequestCard[];
  accept: NonNullable<ComponentProps<typeof DecisionControls>["accept"]>;
  refuse: ComponentProps<typeof DecisionControls>["refuse"];
}) {
  return (
    <ul className="mb-8 grid gap-4 md:grid-cols-2 [&_dt]:font-semibold">
      {cards.map((card) => (
        <li key={card.id} className={cardClass}>
          <h3 className="text-lg font-bold">{card.name}</h3>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt>E-mail</dt>
            <dd className="break-all">{card.email}</dd>
            <dt>{card.born[0]}</dt>
            <dd>{card.born[1]}</dd>
            <dt>Portable</dt>
            <dd>{card.mobilePhone}</dd>
            {card.homePhone ? (
              <>
                <dt>Domicile</dt>
                <dd>{card.homePhone}</dd>
              </>
            ) : null}
            <dt>Adresse</dt>
            <dd>{card.address}</dd>
            <dt>Envoyée le</dt>
            <dd>{card.sent}</dd>
          </dl>
          <SelectBox formId={formId} id={card.id} label={`demande de ${card.name}`} />
          <DecisionControls id={card.id} subject={`demande de ${card.name}`} accept={accept} refuse={refuse} />
        </li>
      ))}
    </ul>
  );
}
