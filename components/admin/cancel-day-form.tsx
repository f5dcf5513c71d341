"use client";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/action-result";

/**
 * « Annuler l'accueil de ce jour »: the units to cancel (none ticked: the whole day), then a confirmation
 * that asks the reason sent to the families — the decision cannot be undone.
 */
export function CancelDayForm(props: {
  activityId: string;
  day: string;
  dayLabel: string;
  units: { id: string; name: string }[];
  defaultUnitId: string;
  cancel: (input: {
    activityId: string;
    date: string;
    timeUnitIds: string[];
    reason: string;
  }) => Promise<ActionResult<{ message: string }>>;
}) {
  const [ticked, setTicked] = useState<string[]>([props.defaultUnitId]);
  const whole = ticked.length === 0 || ticked.length === props.units.length;
  const what = whole
    ? "toute la journée"
    : props.units
        .filter((u) => ticked.includes(u.id))
        .map((u) => u.name)
        .join(", ");
  return (
    <div className="flex flex-col gap-3">
      {props.units.length > 1 ? (
        <fieldset>
          <legend className="mb-1 font-semibold">Unités annulées (aucune cochée : toute la journée)</legend>
          {props.units.map((u) => (
            <label key={u.id} className="flex min-h-11 items-start gap-2 py-2">
              <input
                type="checkbox"
                className="mt-0.5 size-5 shrink-0 accent-brand"
                checked={ticked.includes(u.id)}
                onChange={(e) => setTicked(e.target.checked ? [...ticked, u.id] : ticked.filter((id) => id !== u.id))}
              />
              {u.name}
            </label>
          ))}
        </fieldset>
      ) : null}
      <div>
        <ConfirmDialog
          triggerLabel="Annuler l'accueil de ce jour"
          triggerVariant="danger"
          title={`Annuler l'accueil du ${props.dayLabel} (${what}) ?`}
          description="Les réservations et les demandes de ce jour sont annulées par la structure, sans facturation ; la liste d'attente est vidée et chaque famille reçoit un e-mail avec ce motif. Cette décision ne peut pas être défaite."
          reasonLabel="Motif (envoyé aux familles)"
          confirmLabel="Annuler l'accueil"
          confirmVariant="danger"
          action={({ reason }) =>
            props.cancel({ activityId: props.activityId, date: props.day, timeUnitIds: whole ? [] : ticked, reason: reason ?? "" })
          }
          done={(data) => data.message}
        />
      </div>
    </div>
  );
}
