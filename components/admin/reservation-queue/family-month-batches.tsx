import type { ComponentProps } from "react";
import type { QueuedReservation } from "@/lib/reservations/list-reservation-queue";
import { count, formatMonth } from "@/lib/format";
import { MAX_BULK } from "@/lib/bulk-schema";
import { GroupDecision } from "@/components/admin/group-decision";
import { Card } from "@/components/ui/card";

type Decide = ComponentProps<typeof GroupDecision>["decide"];

/**
 * The decisions by group: all the filtered requests at once (when filtered and more than one batch), then
 * « Par famille et par mois » — a family's requests of one month, one decision and one e-mail.
 */
export function FamilyMonthBatches({
  requests,
  batches,
  filtered,
  decide,
}: {
  requests: QueuedReservation[];
  batches: Map<string, QueuedReservation[]>;
  filtered: boolean;
  decide: Decide;
}) {
  return (
    <>
      {filtered && batches.size > 1 ? (
        <Card className="mb-4 flex flex-col gap-2">
          <p>
            <span className="font-semibold">Toutes les demandes filtrées</span> : {count(requests.length, "demande")} de{" "}
            {count(new Set(requests.map((r) => r.family.id)).size, "famille")}.
          </p>
          <GroupDecision
            ids={requests.map((r) => r.id).slice(0, MAX_BULK)}
            subject="toutes les demandes filtrées"
            what="tout"
            decide={decide}
          />
          {requests.length > MAX_BULK ? <p className="text-sm">Les {MAX_BULK} plus anciennes seulement, en une fois.</p> : null}
        </Card>
      ) : null}
      <h3 className="mb-2 text-lg font-bold">Par famille et par mois</h3>
      <ul className="mb-4 grid gap-2 md:grid-cols-2" aria-label="Demandes par famille et par mois">
        {[...batches.values()].map((items) => {
          const first = items[0]!;
          const subject = `${first.family.name}, ${formatMonth(first.day.slice(0, 7))}`;
          const children = [...new Set(items.map((i) => i.child.firstName))].join(", ");
          return (
            <li key={first.group}>
              <Card className="flex flex-col gap-2">
                <p>
                  <span className="font-semibold">{first.family.name}</span> —{" "}
                  <span className="capitalize">{formatMonth(first.day.slice(0, 7))}</span> : {count(items.length, "demande")} ({children})
                </p>
                <GroupDecision ids={items.map((i) => i.id)} subject={subject} decide={decide} />
              </Card>
            </li>
          );
        })}
      </ul>
    </>
  );
}
