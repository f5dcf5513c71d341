import { formatLongDate } from "@/lib/format";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/link-button";
import { SchemaForm } from "@/components/form/schema-form";
import { CancelDayForm } from "@/components/admin/cancel-day-form";
import { SlotChildren } from "./slot-children";
import type { CancelDayAction, CapacityAction, Occupancy, SlotDetail as Detail } from "./types";

/**
 * The chosen slot (« #detail »): its places, a link to its pointage, its children, and — unless cancelled —
 * the day's places and the cancelling of the day.
 */
export function SlotDetail({
  occupancy,
  detail,
  setCapacity,
  cancelDay,
}: {
  occupancy: Occupancy;
  detail: Detail;
  setCapacity: CapacityAction;
  cancelDay: CancelDayAction;
}) {
  return (
    <section id="detail" aria-labelledby="detail-titre" className="mt-6 flex flex-col gap-4">
      <h2 id="detail-titre" tabIndex={-1} className="text-xl font-bold">
        {detail.unit.name} — {formatLongDate(detail.day)}
      </h2>
      <p>
        {detail.cell.booked} / {detail.cell.capacity} places réservées
        {detail.cell.waiting ? `, ${detail.cell.waiting} en liste d'attente` : ""}.
        {detail.cell.cancelled !== null ? (
          <>
            {" "}
            <Badge tone="closed">Annulé par la structure : {detail.cell.cancelled}</Badge>
          </>
        ) : null}
      </p>
      <div className="flex flex-wrap gap-2">
        <LinkButton
          href={`/admin/pointage?${new URLSearchParams({ activite: occupancy.activity.id, jour: detail.day, unite: detail.unit.id })}`}
          variant="secondary"
        >
          Pointage de ce jour
        </LinkButton>
      </div>
      <SlotChildren detail={detail} />
      {detail.cell.cancelled === null ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Card>
            <h3 className="mb-2 text-lg font-bold">Places de ce jour</h3>
            <p className="mb-2 text-sm">
              Jamais moins que les places déjà réservées ; des places en plus vont aussitôt à la liste d&apos;attente, dans l&apos;ordre.
            </p>
            <SchemaForm
              schema="capacityOverride"
              idPrefix="places-du-jour"
              submitLabel="Enregistrer les places du jour"
              fields={[
                {
                  name: "capacity",
                  label: `Places le ${formatLongDate(detail.day)} pour « ${detail.unit.name} »`,
                  required: true,
                  inputMode: "numeric",
                },
              ]}
              hidden={{ timeUnitId: detail.unit.id, date: detail.day }}
              defaultValues={{ capacity: String(detail.cell.capacity) }}
              action={setCapacity}
            />
          </Card>
          <Card>
            <h3 className="mb-2 text-lg font-bold">Annuler l&apos;accueil de ce jour</h3>
            <p className="mb-2 text-sm">
              Grève, sortie, fermeture décidée tard : les réservations et les demandes du jour sont annulées par la structure, jamais
              facturées ; la liste d&apos;attente est vidée, chaque famille reçoit un e-mail et le jour est fermé sur tous les calendriers.
              Impossible pour un jour déjà facturé.
            </p>
            <CancelDayForm
              activityId={occupancy.activity.id}
              day={detail.day}
              dayLabel={formatLongDate(detail.day)}
              units={occupancy.units}
              defaultUnitId={detail.unit.id}
              cancel={cancelDay}
            />
          </Card>
        </div>
      ) : null}
    </section>
  );
}
