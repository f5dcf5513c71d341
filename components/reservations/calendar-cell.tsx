import { useId } from "react";
import { AlertTriangle, Check } from "lucide-react";
import { formatLongDate } from "@/lib/format";
import { cn } from "@/components/ui/cn";
import { BLOCKED_LOOK, FREE_LOOK, FULL_LOOK, SELECTED_LOOK, STATUS_LOOK } from "./cell-look";
import { describe, isInteractive, type Cell } from "./calendar-cell-model";
import { cellWords } from "./cell-words";
import { GRID } from "./cell-look";

/**
 * One cell of the calendar: a button when the parent can act on it (toggle a free or full cell, open the
 * dialog of a booked one), else a plain span. It shows its state in words with the seed's code as a small tag,
 * its price and its deadline in full; its accessible name says the unit, the day, the child and the same words.
 * A selected cell the activity's rules will refuse says so right under it (`warning`, tied by aria-describedby).
 */
export function CalendarCell({
  cell,
  row,
  familyView,
  selected,
  warning,
  tabbable,
  onFocus,
  onActivate,
}: {
  cell: Cell;
  /** The day's row index, for the arrow keys. */
  row: number;
  familyView: boolean;
  selected: boolean;
  /** Why this selected cell will be refused (a rule between units), or null. */
  warning: string | null;
  tabbable: boolean;
  onFocus: () => void;
  onActivate: () => void;
}) {
  const warningId = useId();
  const { detail } = describe(cell, selected);
  const words = cellWords(cell, selected);
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
  const price = words.price ? <span className={GRID.price}>{words.price}</span> : null;
  // On a phone (and in the family view) the unit's line carries the price; on a large screen with one activity the
  // unit is the column's header, and the price goes on the state's line.
  const unitShown = familyView ? GRID.line : cn(GRID.line, "sm:hidden");
  const content = (
    <>
      <span className={unitShown}>
        <span className={GRID.unit}>
          <span className="font-semibold">{cell.unit.name}</span> <span className={GRID.hours}>{cell.unit.hours}</span>
        </span>
        {price}
      </span>
      <span className={GRID.line}>
        <span className={GRID.state}>
          {selected ? <Check aria-hidden="true" className="size-4 shrink-0" /> : null}
          {words.state}
          {words.code ? <span className={GRID.code}>{words.code}</span> : null}
        </span>
        {familyView ? null : <span className="ml-auto max-sm:hidden">{price}</span>}
        {words.note ? <span className={GRID.deadline}>{words.note}</span> : null}
        {words.deadline ? <span className={GRID.deadline}>{words.deadline}</span> : null}
      </span>
    </>
  );
  const base = GRID.cell;
  const warningLine = warning ? (
    <p id={warningId} className={GRID.warning}>
      <AlertTriangle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>Sera refusée, non envoyée : {warning}</span>
    </p>
  ) : null;
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
    <div className={GRID.wrap}>
      <button
        type="button"
        data-cell={cell.key}
        data-r={row}
        tabIndex={tabbable ? 0 : -1}
        aria-pressed={cell.state.kind === "BOOKED" ? undefined : selected}
        aria-haspopup={cell.state.kind === "BOOKED" ? "dialog" : undefined}
        aria-label={label}
        aria-describedby={warning ? warningId : undefined}
        onFocus={onFocus}
        onClick={onActivate}
        className={cn(base, look)}
      >
        {content}
      </button>
      {warningLine}
    </div>
  );
}
