"use client";
import { isIn, RESERVATION_STATUSES } from "@/lib/workflow/machines";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { CalendarLane, LaneUnit } from "@/lib/reservations/get-month-calendar";
import type { CellOutcome, CellRequest } from "@/lib/reservations/request-reservations";
import type { ActionResult } from "@/lib/action-result";
import { formatLongDate } from "@/lib/format";
import { useToast } from "@/components/ui/toast";
import { focusAfterChange } from "@/components/ui/focus";
import { outcomeText, type Cell } from "./calendar-cell-model";

export type SendCells = (input: { cells: CellRequest[] }) => Promise<ActionResult<{ outcomes: CellOutcome[]; summary: string }>>;
export type OnReservation = (input: { reservationId: string }) => Promise<ActionResult<{ status: string; inTime?: boolean }>>;
/** What the parent reads after sending: the server's summary and one line per cell, refused ones first. */
export interface SendResults {
  summary: string;
  lines: string[];
  refused: number;
}

/** After a change the focus goes back to the cell (found by its key), else to the month's title. */
function focusCell(key: string) {
  window.setTimeout(() => {
    const element = document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(key)}"]`) ?? document.getElementById("titre-mois");
    element?.focus();
  }, 50);
}

/**
 * What the calendar sends: the selection (its results said in « resultat-envoi »), and the cancel /
 * withdraw of a booked cell, confirmed in a dialog (its error kept in the dialog, its success in a toast).
 */
export function useCalendarSubmission({
  send,
  cancel,
  withdraw,
  units,
  laneById,
}: {
  send: SendCells;
  cancel: OnReservation;
  withdraw: OnReservation;
  units: Map<string, LaneUnit>;
  laneById: Map<string, CalendarLane>;
}) {
  const router = useRouter();
  const toast = useToast();
  const [results, setResults] = useState<SendResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<Cell | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function sendSelection(chosen: string[], clearSelection: () => void) {
    setError(null);
    const cells = chosen.map((key) => {
      const [inscriptionId, timeUnitId, day] = key.split("|") as [string, string, string];
      return { inscriptionId, timeUnitId, day };
    });
    startTransition(async () => {
      const result = await send({ cells });
      if (!result.ok) {
        setError(result.error);
        focusAfterChange("resultat-envoi");
        return;
      }
      // Refused cells first: they are what the parent must read.
      const ordered = [...result.data.outcomes].sort((a, b) => Number(b.outcome === "REFUSED") - Number(a.outcome === "REFUSED"));
      const lines = ordered.map((o) => {
        const lane = laneById.get(o.inscriptionId);
        const unit = units.get(`${o.inscriptionId}|${o.timeUnitId}`);
        return `${formatLongDate(o.day)} — ${lane?.childFirstName ?? ""}, ${unit?.name ?? ""} : ${outcomeText(o)}`;
      });
      setResults({ summary: result.data.summary, lines, refused: result.data.outcomes.filter((o) => o.outcome === "REFUSED").length });
      clearSelection();
      router.refresh();
      focusAfterChange("resultat-envoi");
    });
  }

  function openTarget(cell: Cell) {
    setDialogError(null);
    setTarget(cell);
  }

  function onTarget(action: OnReservation, done: (data: { status: string; inTime?: boolean }) => string) {
    if (!target || target.state.kind !== "BOOKED") return;
    const key = target.key;
    const reservationId = target.state.reservationId;
    startTransition(async () => {
      const result = await action({ reservationId });
      if (!result.ok) {
        setDialogError(result.error);
        return;
      }
      setTarget(null);
      toast(done(result.data));
      router.refresh();
      focusCell(key);
    });
  }

  const cancelTarget = () =>
    onTarget(cancel, (d) =>
      isIn(RESERVATION_STATUSES.EXCUSED, d.status)
        ? "Réservation annulée : absence excusée, non facturée."
        : "Demande d'annulation envoyée.",
    );
  const withdrawTarget = () =>
    onTarget(withdraw, (d) =>
      isIn(RESERVATION_STATUSES.BOOKED, d.status) ? "Demande d'annulation retirée : la réservation reste validée." : "Demande retirée.",
    );

  return {
    pending,
    results,
    error,
    sendSelection,
    target,
    dialogError,
    openTarget,
    closeTarget: () => setTarget(null),
    cancelTarget,
    withdrawTarget,
  };
}
