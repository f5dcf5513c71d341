import { Check } from "lucide-react";
import { formatLongDate } from "@/lib/format";
import { cn } from "@/components/ui/cn";
import { BLOCKED_LOOK, FREE_LOOK, FULL_LOOK, SELECTED_LOOK, STATUS_LOOK } from "./cell-look";
import { describe, isInteractive, type Cell } from "./calendar-cell-model";
import { GRID } from "./cell-look";

/**
 * One cell of the calendar: a button when the parent can act on it (toggle a free or full cell, open the
 * dialog of a booked one), else a plain span; its accessible name says the unit, the day, the child and the state.
 */
export function CalendarCell({
  cell,
  row,
  familyView,
  selected,
  tabbable,
  onFocus,
  onActivate,
}: {
  cell: Cell;
  /** The day's row index, for the arrow keys. */
  row: number;
  familyView: boolean;
  selected: boolean;
  tabbable: boolean;
  onFocus: () => void;
  onActivate: () => void;
}) {
  const { text, detail } = describe(cell, selected);
  const label = `${cell.unit.name}, ${formatLongDate(cell.day)}, ${cell.lane.childFirstName} : ${detail}`;
  const look =
    cell.state.kind === "BOOKED"
      ? STATUS_LOOK[cell.state.status]
      : cell.state.kind === "BLOCKED"
        ? BLOCKED_LOOK
        : selected
          ? SELECTED_LOOK
          : cell.state.kind === "FULL"
            ? FULL_LOOK
            : FREE_LOOK;
  const content = (
    <>
      <span className={familyView ? GRID.unit : cn(GRID.unit, "sm:hidden")}>
        {cell.unit.name}
        <span className={GRID.hours}>{cell.unit.hours}</span>
      </span>
      <span className={GRID.code}>
        {selected ? <Check aria-hidden="true" className="size-4" /> : null}
        {text}
      </span>
    </>
  );
  const base = GRID.cell;
  if (!isInteractive(cell)) {
    return (
      <span className={cn(base, look)}>
        <span className="sr-only">{label}</span>
        <span aria-hidden="true" className="contents">
          {content}
        </span>
      </span>
    );
  }
  return (
    <button
      type="button"
      data-cell={cell.key}
      data-r={row}
      tabIndex={tabbable ? 0 : -1}
      aria-pressed={cell.state.kind === "BOOKED" ? undefined : selected}
      aria-haspopup={cell.state.kind === "BOOKED" ? "dialog" : undefined}
      aria-label={label}
      onFocus={onFocus}
      onClick={onActivate}
      className={cn(base, look)}
    >
      {content}
    </button>
  );
}
