"use client";
import { useMemo } from "react";
import type { CalendarLane, LaneUnit, MonthCalendar } from "@/lib/reservations/get-month-calendar";
import { keyOf, type Cell } from "./calendar-cell-model";

/** A column of the table: a child (family view, all units stacked) or one unit of one lane (one activity). */
export interface CalendarColumn {
  key: string;
  title: string;
  sub: string;
  lane: CalendarLane;
  unit: LaneUnit | null;
}

/** The month laid out for the screen: every cell by day and lane, the columns, and look-ups by id. */
export function useCalendarGrid(calendar: MonthCalendar, familyView: boolean) {
  const units = useMemo(
    () => new Map(calendar.lanes.flatMap((lane) => lane.units.map((u) => [`${lane.inscriptionId}|${u.id}`, u] as const))),
    [calendar.lanes],
  );
  const laneById = useMemo(() => new Map(calendar.lanes.map((l) => [l.inscriptionId, l])), [calendar.lanes]);
  /** Every cell of the month, by day and lane (null: the lane is not open that day). */
  const grid = useMemo(
    () =>
      calendar.days.map((d) =>
        d.lanes.map((laneDay, l) => {
          if (!laneDay) return null;
          const lane = calendar.lanes[l]!;
          return laneDay.cells.map((state, u): Cell => {
            const unit = lane.units[u]!;
            // The day's price (the quotient in force that day, as the invoice will say it).
            const dayUnit = { ...unit, priceCents: laneDay.prices[u] ?? null, priceNote: laneDay.priceNotes?.[u] ?? null };
            return { state, lane, unit: dayUnit, day: d.day, laneDay, key: keyOf(lane.inscriptionId, unit.id, d.day) };
          });
        }),
      ),
    [calendar],
  );
  const allCells = useMemo(() => grid.flat().flatMap((cells) => cells ?? []), [grid]);

  const sameActivity = new Set(calendar.lanes.map((l) => l.activityName)).size === 1;
  const columns: CalendarColumn[] = familyView
    ? calendar.lanes.map((lane) => ({ key: lane.inscriptionId, title: lane.childFirstName, sub: lane.activityName, lane, unit: null }))
    : calendar.lanes.flatMap((lane) =>
        lane.units.map((unit) => ({ key: `${lane.inscriptionId}|${unit.id}`, title: unit.name, sub: unit.hours, lane, unit })),
      );

  return { units, laneById, grid, allCells, columns, sameActivity };
}

export type CalendarGrid = ReturnType<typeof useCalendarGrid>;
