import type { CalendarLane, CellState, LaneDay, LaneUnit } from "@/lib/reservations/get-month-calendar";
import { BLOCKED_LABELS } from "@/lib/reservations/labels";
import { isIn, RESERVATION_CODES, RESERVATION_STATUSES, reservationMachine } from "@/lib/workflow/machines";
import type { CellOutcome } from "@/lib/reservations/request-reservations";
import { formatCents } from "@/lib/format";

/** One cell as the screen handles it: its state, where it is, and its lane's deadlines that day. */
export interface Cell {
  state: CellState;
  lane: CalendarLane;
  unit: LaneUnit;
  day: string;
  laneDay: LaneDay;
  key: string;
}

export const keyOf = (inscriptionId: string, unitId: string, day: string) => `${inscriptionId}|${unitId}|${day}`;

/** A cell the parent can act on: ask it (free or full), or cancel / withdraw what is booked. */
export const isInteractive = (cell: Cell) =>
  cell.state.kind === "FREE" ||
  cell.state.kind === "FULL" ||
  (cell.state.kind === "BOOKED" && (cell.state.can.cancel || cell.state.can.withdraw));

/** What a cell says in words: its state, and what the parent needs at the moment of choosing. */
export function describe(cell: Cell, selected: boolean): { text: string; detail: string } {
  const s = cell.state;
  const price =
    cell.unit.priceCents !== null ? `, ${formatCents(cell.unit.priceCents)}${cell.unit.priceNote ? ` (${cell.unit.priceNote})` : ""}` : "";
  switch (s.kind) {
    case "FREE":
      return selected
        ? { text: "Sélectionnée", detail: `Demande de réservation sélectionnée, pas encore envoyée${price}` }
        : {
            text: s.placesLeft !== null ? `Libre · ${s.placesLeft} pl.` : "Libre",
            detail: `Réservation disponible${s.placesLeft !== null ? `, plus que ${s.placesLeft} ${s.placesLeft > 1 ? "places" : "place"}` : ""}${price}, réservable jusqu'au ${cell.laneDay.bookUntil}`,
          };
    case "FULL":
      return selected
        ? {
            text: "Sélectionnée (liste d'attente)",
            detail: `Demande sélectionnée, pas encore envoyée : elle ira en liste d'attente${price}`,
          }
        : {
            text: "Complet",
            detail: `Plus de place disponible : une demande ira en liste d'attente${s.waiting ? ` (${s.waiting} déjà en attente)` : ""}, jusqu'au ${cell.laneDay.bookUntil}`,
          };
    case "BLOCKED":
      return {
        text: BLOCKED_LABELS[s.reason],
        detail: `Réservation non disponible : ${BLOCKED_LABELS[s.reason].toLowerCase()}${s.reason === "DEADLINE" ? `, le délai était le ${cell.laneDay.bookUntil}` : ""}`,
      };
    case "BOOKED": {
      const position = s.position ? `, position ${s.position}` : "";
      const why =
        !isIn(RESERVATION_STATUSES.BOOKED, s.status) || !s.can.cancel
          ? ""
          : cell.laneDay.cancelInTime
            ? `, annulation sans frais jusqu'au ${cell.laneDay.cancelUntil}`
            : ", délai d'annulation dépassé : une annulation serait probablement facturée";
      // Cancelled by the structure (exceptional day): the reason is part of what the parent reads.
      const motive = isIn(RESERVATION_STATUSES.CANCELLED_BY_STRUCTURE, s.status) && s.reason ? ` : ${s.reason}` : "";
      // Seed 001's « (Non modifiable) »: the same state, locked by time or by the structure (docs/legende-des-seeds.md).
      const locked =
        !s.can.cancel && !s.can.withdraw && !isIn(RESERVATION_STATUSES.CANCELLED_BY_STRUCTURE, s.status) ? ", non modifiable" : "";
      // The price the cell shows (an excused absence or a cancelled day says « non facturée » in its own words).
      const billed =
        isIn(RESERVATION_STATUSES.EXCUSED, s.status) || isIn(RESERVATION_STATUSES.CANCELLED_BY_STRUCTURE, s.status) ? "" : price;
      return {
        text: `${RESERVATION_CODES[s.status]}${s.position ? ` n°${s.position}` : ""}`,
        detail: `${reservationMachine.labels[s.status]}${motive}${position}${billed}${why}${locked}`,
      };
    }
  }
}

/** What became of one sent cell, in the words of the result list. */
export function outcomeText(o: CellOutcome): string {
  switch (o.outcome) {
    case "RESERVED":
      return "réservation validée";
    case "REQUESTED":
      return "demande de réservation envoyée";
    case "WAITLISTED":
      return `en liste d'attente, position ${o.position}`;
    case "ALREADY":
      return "déjà demandée, rien n'a changé";
    case "REFUSED":
      return `refusée : ${o.message}`;
  }
}
