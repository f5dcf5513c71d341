import { describe as group, expect, it } from "vitest";
import { describe, type Cell } from "@/components/reservations/calendar-cell-model";
import type { CellState } from "@/lib/reservations/get-month-calendar";
import type { ReservationStatus } from "@/lib/generated/prisma/enums";
import { formatCents } from "@/lib/format";

const SIX = formatCents(600);

// Seed 001's « (Non modifiable) » entries (docs/legende-des-seeds.md): the same state, said locked in words
// (after the price the cell shows; an excused absence is not billed and shows none).
function booked(status: ReservationStatus, can: { cancel: boolean; withdraw: boolean }): Cell {
  const state: CellState = { kind: "BOOKED", reservationId: "r", status, position: null, reason: null, can };
  const laneDay = {
    bookUntil: "mardi 5 janvier à 10 h 00",
    cancelUntil: "mardi 5 janvier à 10 h 00",
    cancelInTime: true,
    cells: [state],
    prices: [600],
  };
  const lane: Cell["lane"] = {
    inscriptionId: "i",
    childId: "c",
    childFirstName: "Léa",
    activityName: "Mercredis",
    periodName: "Hiver",
    startDay: "2027-01-04",
    endDay: "2027-03-31",
    automatic: false,
    units: [],
    rules: [],
  };
  return {
    state,
    day: "2027-01-06",
    key: "i|u|2027-01-06",
    laneDay,
    unit: { id: "u", name: "Matin", hours: "08h30–12h00", priceCents: 600 },
    lane,
  };
}

group("calendar cells and seed 001's legend", () => {
  it("« Réservation validée » while it can be cancelled; « (non modifiable) » once it cannot", () => {
    expect(describe(booked("RESERVED", { cancel: true, withdraw: false }), false).detail).toBe(
      `Réservation validée, ${SIX}, annulation sans frais jusqu'au mardi 5 janvier à 10 h 00`,
    );
    expect(describe(booked("RESERVED", { cancel: false, withdraw: false }), false).detail).toBe(
      `Réservation validée, ${SIX}, non modifiable`,
    );
  });

  it("présence, absence, facturée and a waiting request past its day say « non modifiable »; a withdrawable request does not", () => {
    for (const [status, words] of [
      ["PRESENT", `Présence, ${SIX}, non modifiable`],
      ["ABSENT_EXCUSED", "Absence excusée, non modifiable"],
      ["ABSENT_BILLED", `Absence facturée, ${SIX}, non modifiable`],
      ["INVOICED", `Facturée, ${SIX}, non modifiable`],
      ["WAITLISTED", `En liste d'attente, ${SIX}, non modifiable`],
    ] as const)
      expect(describe(booked(status, { cancel: false, withdraw: false }), false).detail).toBe(words);
    expect(describe(booked("WAITLISTED", { cancel: false, withdraw: true }), false).detail).toBe(`En liste d'attente, ${SIX}`);
    expect(describe(booked("REQUESTED", { cancel: false, withdraw: true }), false).detail).toBe(`Demande de réservation envoyée, ${SIX}`);
  });
});
