import { allowedActions, isIn, RESERVATION_STATUSES } from "@/lib/workflow/machines";
import { formatLongDate } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Dialog } from "@/components/ui/dialog";
import type { Cell } from "./calendar-cell-model";

/** What clicking an R, a DR, a waiting request or a DA leads to: always confirmed first, with what it will cost. */
export function BookedCellDialog({
  target,
  pending,
  error,
  onClose,
  onCancel,
  onWithdraw,
}: {
  target: Cell | null;
  pending: boolean;
  error: string | null;
  onClose: () => void;
  onCancel: () => void;
  onWithdraw: () => void;
}) {
  const state = target?.state.kind === "BOOKED" ? target.state : null;
  const what = target ? `${target.lane.childFirstName} — ${target.unit.name}, ${formatLongDate(target.day)}` : "";
  const title = !state
    ? ""
    : isIn(RESERVATION_STATUSES.BOOKED, state.status)
      ? "Annuler cette réservation ?"
      : isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, state.status)
        ? "Retirer la demande d'annulation ?"
        : isIn(RESERVATION_STATUSES.ON_WAITING_LIST, state.status)
          ? "Retirer la demande en liste d'attente ?"
          : "Retirer la demande de réservation ?";
  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={title}
      description={what}
    >
      {state ? (
        <div className="flex flex-col gap-3">
          {isIn(RESERVATION_STATUSES.BOOKED, state.status) ? (
            target!.laneDay.cancelInTime ? (
              <Alert tone="info">
                Vous êtes dans le délai d&apos;annulation (jusqu&apos;au {target!.laneDay.cancelUntil}) : ce sera une{" "}
                <strong>absence excusée</strong>, non facturée.
                {target!.lane.automatic ? " L'annulation est immédiate." : " La structure doit valider votre demande d'annulation."}
              </Alert>
            ) : (
              <Alert tone="error">
                <strong>Le délai d&apos;annulation est dépassé</strong> (il était fixé au {target!.laneDay.cancelUntil}) : cette absence
                sera probablement <strong>facturée</strong> (absence facturée). Vous pouvez quand même demander l&apos;annulation ; la
                structure décidera.
              </Alert>
            )
          ) : isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, state.status) ? (
            <p>La réservation restera validée (R).</p>
          ) : (
            <p>
              La demande ne sera plus traitée
              {isIn(RESERVATION_STATUSES.ON_WAITING_LIST, state.status) && state.position
                ? ` (vous êtes en position ${state.position} sur la liste d'attente)`
                : ""}
              . Vous pourrez en faire une nouvelle.
            </p>
          )}
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={onClose} disabled={pending}>
              {isIn(RESERVATION_STATUSES.BOOKED, state.status) ? "Garder la réservation" : "Ne rien changer"}
            </Button>
            {allowedActions("RESERVATION", state.status, "PARENT").requestCancellation ? (
              <Button variant="danger" onClick={onCancel} pending={pending} pendingLabel="Envoi en cours…">
                Demander l&apos;annulation
              </Button>
            ) : (
              <Button variant="danger" onClick={onWithdraw} pending={pending} pendingLabel="Envoi en cours…">
                {isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, state.status) ? "Retirer la demande d'annulation" : "Retirer la demande"}
              </Button>
            )}
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
