"use client";
import { useState } from "react";
import type { MonthCalendar } from "@/lib/reservations/get-month-calendar";
import { refusedByRules } from "@/lib/reservations/unit-rules";
import { isIn, RESERVATION_STATUSES } from "@/lib/workflow/machines";
import type { Cell } from "./calendar-cell-model";

/**
 * The free or full cells the parent has picked, not yet sent: what is still selectable, the rules between units
 * checked on the selection as the server will (`refused`: the cells they would refuse, and why — said under each
 * cell), what will be sent (`toSend`, the others) and its estimated total.
 */
export function useCellSelection(calendar: MonthCalendar, grid: (Cell[] | null)[][], allCells: Cell[]) {
  const [selected, setSelected] = useState<Set<string>>(new Set());

  // A cell that got booked meanwhile is no longer selectable.
  const selectable = new Set(allCells.filter((c) => c.state.kind === "FREE" || c.state.kind === "FULL").map((c) => c.key));
  const chosen = [...selected].filter((k) => selectable.has(k));

  const refused = new Map<string, string>();
  for (const [l, lane] of calendar.lanes.entries()) {
    if (lane.rules.length === 0) continue;
    const names = new Map(lane.units.map((u) => [u.id, u.name]));
    for (const r of calendar.days.keys()) {
      const cells = grid[r]![l];
      if (!cells) continue;
      const asked = cells.filter((c) => chosen.includes(c.key));
      if (asked.length === 0) continue;
      const held = new Set(
        cells.filter((c) => c.state.kind === "BOOKED" && isIn(RESERVATION_STATUSES.LIVE, c.state.status)).map((c) => c.unit.id),
      );
      const broken = refusedByRules(
        lane.rules,
        held,
        asked.map((c) => c.unit.id),
        names,
      );
      for (const c of asked) if (broken.has(c.unit.id)) refused.set(c.key, broken.get(c.unit.id)!);
    }
  }
  // Only what the server would accept is sent, and counted.
  const toSend = chosen.filter((k) => !refused.has(k));
  // Each cell at its day's price (the quotient in force that day), as the invoice will count it.
  const priceOf = new Map(allCells.map((c) => [c.key, c.unit.priceCents ?? 0]));
  const total = toSend.reduce((sum, key) => sum + (priceOf.get(key) ?? 0), 0);

  function toggle(key: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  const isSelected = (key: string) => selected.has(key) && selectable.has(key);
  const warningFor = (key: string) => refused.get(key) ?? null;
  const clear = () => setSelected(new Set());

  return { chosen, toSend, refused, total, toggle, isSelected, warningFor, clear };
}
