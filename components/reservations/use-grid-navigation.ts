"use client";
import { useRef, useState, type KeyboardEvent } from "react";

/**
 * The calendar's roving focus: one cell in the tab order (the last one used, else the first), and the keys
 * between cells. Arrows move between cells (rows are days; on a phone, where a day's cells are stacked, up
 * and down follow the cells), Home / End to the ends of a day; Space / Enter act (native buttons).
 */
export function useGridNavigation(interactiveKeys: string[]) {
  const [active, setActive] = useState<string | null>(null);
  const gridRef = useRef<HTMLTableElement>(null);
  const roving = active && interactiveKeys.includes(active) ? active : (interactiveKeys[0] ?? null);

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    const element = event.target as HTMLElement;
    const row = element.dataset.r;
    if (row === undefined) return;
    const rows = [...new Set([...(gridRef.current?.querySelectorAll<HTMLElement>("[data-r]") ?? [])].map((e) => Number(e.dataset.r)))].sort(
      (a, b) => a - b,
    );
    const inRow = (r: number) => [...(gridRef.current?.querySelectorAll<HTMLElement>(`[data-r="${r}"]`) ?? [])];
    const current = inRow(Number(row));
    const column = current.indexOf(element);
    const rowIndex = rows.indexOf(Number(row));
    let next: HTMLElement | undefined;
    if (event.key === "ArrowRight") next = current[column + 1];
    else if (event.key === "ArrowLeft") next = current[column - 1];
    else if (event.key === "Home") next = current[0];
    else if (event.key === "End") next = current[current.length - 1];
    else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && window.matchMedia("(max-width: 639px)").matches) {
      // On a phone each day is a card whose cells are stacked: down is the next cell, whatever its day.
      const all = [...(gridRef.current?.querySelectorAll<HTMLElement>("[data-r]") ?? [])];
      next = all[all.indexOf(element) + (event.key === "ArrowDown" ? 1 : -1)];
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const other = rows[rowIndex + (event.key === "ArrowDown" ? 1 : -1)];
      if (other !== undefined) {
        const cells = inRow(other);
        next = cells[Math.min(column, cells.length - 1)];
      }
    } else return;
    event.preventDefault();
    if (next) {
      setActive(next.dataset.cell!);
      next.focus();
    }
  }

  return { gridRef, roving, setActive, onKeyDown };
}
