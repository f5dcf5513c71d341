import type { ComponentProps } from "react";
import type { FamilyMonthBatch } from "@/lib/reservations/list-reservation-queue";
import { count, formatMonth } from "@/lib/format";
import { MAX_BULK } from "@/lib/bulk-schema";
import { GroupDecision } from "@/components/admin/group-decision";
import { Card } from "@/components/ui/card";

type Decide = ComponentProps<typeof GroupDecision>["decide"];

/**
 * The decisions by group: all the filtered requests at once (`all`, when filtered), then « Par famille et par mois »
 * — a family's requests of one month, one decision and one e-mail — for the families of the page shown (ADR 043):
 * each batch counts and decides all its requests, on this page or the next.
 */
export function FamilyMonthBatches({
  total,
  all,
  batches,
  decide,
}: {
  total: number;
  all: { ids: string[]; families: number } | null;
  batches: FamilyMonthBatch[];
  decide: Decide;
}) {
  return (
    <>
      {all && (all.families > 1 || batches.length > 1) ? (
        <Card className="mb-4 flex flex-col gap-2">
          <p>
            <span className="font-semibold">Toutes les demandes filtrées</span> : {count(total, "demande")} de{" "}
            {count(all.families, "famille")}.
          </p>
          <GroupDecision ids={all.ids} subject="toutes les demandes filtrées" what="tout" decide={decide} />
          {total > MAX_BULK ? <p className="text-sm">Les {MAX_BULK} plus anciennes seulement, en une fois.</p> : null}
        </Card>
      ) : null}
      <h3 className="mb-1 text-lg font-bold">Par famille et par mois</h3>
      <p className="mb-2 text-sm text-gray-800">Les familles de la page affichée, chacune avec toutes ses demandes du mois.</p>
      <ul className="mb-4 grid gap-2 md:grid-cols-2" aria-label="Demandes par famille et par mois">
        {batches.map((batch) => {
          const subject = `${batch.family.name}, ${formatMonth(batch.month)}`;
          return (
            <li key={batch.group}>
              <Card className="flex flex-col gap-2">
                <p>
                  <span className="font-semibold">{batch.family.name}</span> —{" "}
                  <span className="capitalize">{formatMonth(batch.month)}</span>
                  {" : "}
                  {count(batch.ids.length, "demande")} ({batch.children.join(", ")})
                </p>
                <GroupDecision ids={batch.ids.slice(0, MAX_BULK)} subject={subject} decide={decide} />
              </Card>
            </li>
          );
        })}
      </ul>
    </>
  );
}
