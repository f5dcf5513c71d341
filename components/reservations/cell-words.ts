import { isIn, RESERVATION_CODES, RESERVATION_STATUSES, reservationMachine } from "@/lib/workflow/machines";
import { BLOCKED_LABELS } from "@/lib/reservations/labels";
import { formatCents } from "@/lib/format";
import type { Cell } from "./calendar-cell-model";

/**
 * What a cell shows in words (issue 24: the code alone said too little): its state, the seed's code as a small
 * secondary tag, its price, and the deadline that matters for it, in full. The accessible name
 * (calendar-cell-model `describe`) says the same.
 */
export interface CellWords {
  /** « Réservation validée », « Libre », « Délai dépassé »… */
  state: string;
  /** The seed's code (R, DR, A Exc.…), empty for the states it has none for. */
  code: string;
  /** « 6,00 € », « non facturée », or null (no tariff, or nothing to pay on a closed day). */
  price: string | null;
  /** What made the price beyond the QF: « tarif hors commune · réduction fratrie -10 % » (ADR 055), or null. */
  note: string | null;
  /** The deadline of what the parent can still do, in full: « réservable jusqu'au 07/12/2026 à 10:00 ». */
  deadline: string | null;
}

export function cellWords(cell: Cell, selected: boolean): CellWords {
  const s = cell.state;
  const price = cell.unit.priceCents !== null ? formatCents(cell.unit.priceCents) : null;
  const note = cell.unit.priceNote ?? null;
  const bookUntil = `réservable jusqu'au ${cell.laneDay.bookUntil}`;
  switch (s.kind) {
    case "FREE":
      return {
        state: selected ? "Sélectionnée" : s.placesLeft !== null ? `Libre, plus que ${s.placesLeft} pl.` : "Libre",
        code: "",
        price,
        note,
        deadline: bookUntil,
      };
    case "FULL":
      return {
        state: selected ? "Sélectionnée (liste d'attente)" : `Complet${s.waiting ? ` (${s.waiting} en attente)` : ""}`,
        code: "",
        price,
        note,
        deadline: `liste d'attente : ${bookUntil}`,
      };
    case "BLOCKED":
      return {
        state: BLOCKED_LABELS[s.reason],
        code: "",
        price: null,
        note: null,
        deadline: s.reason === "DEADLINE" ? `le délai était le ${cell.laneDay.bookUntil}` : null,
      };
    case "BOOKED": {
      // An excused absence and a day cancelled by the structure are never billed: said instead of a price.
      const unpaid = isIn(RESERVATION_STATUSES.EXCUSED, s.status) || isIn(RESERVATION_STATUSES.CANCELLED_BY_STRUCTURE, s.status);
      return {
        state: `${reservationMachine.labels[s.status]}${s.position ? `, position ${s.position}` : ""}${
          isIn(RESERVATION_STATUSES.CANCELLED_BY_STRUCTURE, s.status) && s.reason ? ` : ${s.reason}` : ""
        }`,
        code: RESERVATION_CODES[s.status],
        price: unpaid ? "non facturée" : price,
        note: unpaid ? null : note,
        deadline:
          !s.can.cancel || !isIn(RESERVATION_STATUSES.BOOKED, s.status)
            ? null
            : cell.laneDay.cancelInTime
              ? `annulation sans frais jusqu'au ${cell.laneDay.cancelUntil}`
              : "délai d'annulation dépassé",
      };
    }
  }
}
