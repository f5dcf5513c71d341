import type { KeyboardEvent, RefObject } from "react";
import type { MonthCalendar, CalendarDay } from "@/lib/reservations/get-month-calendar";
import { formatLongDate, formatShortDay } from "@/lib/format";
import { cn } from "@/components/ui/cn";
import { BLOCKED_LOOK } from "./cell-look";
import type { Cell } from "./calendar-cell-model";
import type { CalendarColumn } from "./use-calendar-grid";
import { CalendarCell } from "./calendar-cell";
import { GRID } from "./cell-look";

/**
 * The month as a table: one row per day, one column per child (family view) or per unit (one activity). `columns`
 * are the ones shown (the family view's filter by child); a day none of them opens is left out. The rows of past
 * days are folded on a phone until the parent unfolds them (`foldedRows`).
 */
export function CalendarTable({
  id,
  calendar,
  familyView,
  grid,
  columns,
  sameActivity,
  gridRef,
  onKeyDown,
  isSelected,
  warningFor,
  foldedRows,
  roving,
  onCellFocus,
  onCellActivate,
}: {
  id: string;
  calendar: MonthCalendar;
  familyView: boolean;
  grid: (Cell[] | null)[][];
  columns: CalendarColumn[];
  sameActivity: boolean;
  gridRef: RefObject<HTMLTableElement | null>;
  onKeyDown: (event: KeyboardEvent<HTMLTableElement>) => void;
  isSelected: (key: string) => boolean;
  /** Why a selected cell will be refused (the activity's rules), or null. */
  warningFor: (key: string) => string | null;
  /** The days (row indexes) hidden on a phone: the past days, folded. */
  foldedRows: ReadonlySet<number>;
  roving: string | null;
  onCellFocus: (key: string) => void;
  onCellActivate: (cell: Cell) => void;
}) {
  return (
    <table
      id={id}
      ref={gridRef}
      onKeyDown={onKeyDown}
      className={cn("w-full border-separate border-spacing-1 max-sm:block sm:table-fixed", GRID.table)}
    >
      <caption className="sr-only">
        Calendrier des réservations : une ligne par jour ; les flèches du clavier passent d&apos;une case à l&apos;autre, Espace ou Entrée
        sélectionne une case.
      </caption>
      <thead className="max-sm:sr-only">
        <tr>
          <th scope="col" className="w-28 p-1 text-left text-sm font-semibold text-gray-800">
            Jour
          </th>
          {columns.map((col) => (
            <th key={col.key} scope="col" className="p-1 text-left align-bottom text-sm font-semibold text-gray-900">
              {col.title}
              <span className={cn("block font-normal text-gray-700", familyView ? "" : "whitespace-nowrap")}>{col.sub}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="max-sm:block">
        {calendar.days.map((day, r) => {
          if (columns.every((col) => grid[r]![calendar.lanes.indexOf(col.lane)] === null)) return null;
          return (
            <tr key={day.day} className={cn(GRID.row, foldedRows.has(r) ? "max-sm:hidden" : "")}>
              <DayHeader day={day} />
              {columns.map((col) => {
                const laneIndex = calendar.lanes.indexOf(col.lane);
                const cells = grid[r]![laneIndex];
                const shown = cells ? (col.unit ? cells.filter((c) => c.unit.id === col.unit!.id) : cells) : null;
                return (
                  <td key={col.key} className="p-0 align-top max-sm:mt-1 max-sm:block">
                    {familyView ? (
                      <span className="mb-0.5 block text-sm font-semibold text-gray-900 sm:hidden">
                        {col.title}
                        {sameActivity ? "" : ` — ${col.sub}`}
                      </span>
                    ) : null}
                    {shown === null ? (
                      <span className={cn("block rounded border px-2 py-2 text-sm", BLOCKED_LOOK)}>Pas d&apos;accueil ce jour</span>
                    ) : (
                      <div className={cn("flex gap-1", familyView ? "flex-col" : "")}>
                        {shown.map((cell) => (
                          <CalendarCell
                            key={cell.key}
                            cell={cell}
                            row={r}
                            familyView={familyView}
                            selected={isSelected(cell.key)}
                            warning={warningFor(cell.key)}
                            tabbable={cell.key === roving}
                            onFocus={() => onCellFocus(cell.key)}
                            onActivate={() => onCellActivate(cell)}
                          />
                        ))}
                      </div>
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The day's row header (each cell says its own deadline, in full). */
function DayHeader({ day }: { day: CalendarDay }) {
  return (
    <th scope="row" className={GRID.day}>
      <span className="sm:hidden">{formatLongDate(day.day)}</span>
      <span className="max-sm:hidden">{formatShortDay(day.day)}</span>
    </th>
  );
}
