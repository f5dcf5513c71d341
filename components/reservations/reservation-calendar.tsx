"use client";
import { useId, useMemo, useState } from "react";
import { ChevronDown, ChevronUp } from "lucide-react";
import type { MonthCalendar } from "@/lib/reservations/get-month-calendar";
import { formatLongDate } from "@/lib/format";
import { inputClass } from "@/components/ui/classes";
import { Button } from "@/components/ui/button";
import { isInteractive, type Cell } from "./calendar-cell-model";
import { useCalendarGrid } from "./use-calendar-grid";
import { useCellSelection } from "./use-cell-selection";
import { useCalendarSubmission, type OnReservation, type SendCells } from "./use-calendar-submission";
import { useGridNavigation } from "./use-grid-navigation";
import { SendResults } from "./send-results";
import { CalendarTable } from "./calendar-table";
import { SelectionBar } from "./selection-bar";
import { BookedCellDialog } from "./booked-cell-dialog";

/**
 * The month's reservations: free and full cells are picked then sent together (their results above the
 * table), a booked cell opens a dialog to cancel or withdraw it. The parts: the grid (use-calendar-grid),
 * the selection (use-cell-selection), what is sent (use-calendar-submission), the keys (use-grid-navigation).
 * The family view can show one child only; on a phone the past days are folded until asked for.
 */
export function ReservationCalendar({
  calendar,
  familyView,
  today,
  send,
  cancel,
  withdraw,
}: {
  calendar: MonthCalendar;
  familyView: boolean;
  /** Today in Paris ("YYYY-MM-DD"), from the server: which days are past. */
  today: string;
  send: SendCells;
  cancel: OnReservation;
  withdraw: OnReservation;
}) {
  const { units, laneById, grid, allCells, columns, sameActivity } = useCalendarGrid(calendar, familyView);
  const selection = useCellSelection(calendar, grid, allCells);
  const submission = useCalendarSubmission({ send, cancel, withdraw, units, laneById });

  const children = useMemo(
    () => [...new Map(calendar.lanes.map((l) => [l.childId, l.childFirstName])).entries()].map(([id, name]) => ({ id, name })),
    [calendar.lanes],
  );
  const [child, setChild] = useState("");
  const shownColumns = child ? columns.filter((c) => c.lane.childId === child) : columns;
  const shownLanes = new Set(shownColumns.map((c) => c.lane.inscriptionId));
  const navigation = useGridNavigation(allCells.filter((c) => isInteractive(c) && shownLanes.has(c.lane.inscriptionId)).map((c) => c.key));

  // The days before today (every past week, and this week's past days): nothing to do there any more.
  const pastRows = new Set(calendar.days.flatMap((d, r) => (d.day < today ? [r] : [])));
  const [showPast, setShowPast] = useState(false);
  const foldedRows = showPast ? new Set<number>() : pastRows;
  const tableId = useId();

  // At the click that selects a cell the rules will refuse, it is said at once (the message stays under the cell).
  const [lastToggled, setLastToggled] = useState<string | null>(null);
  const lastCell = lastToggled && selection.refused.has(lastToggled) ? allCells.find((c) => c.key === lastToggled) : undefined;
  const announce = lastCell
    ? `${lastCell.unit.name}, ${formatLongDate(lastCell.day)}, ${lastCell.lane.childFirstName} : sera refusée, non envoyée. ${selection.refused.get(lastCell.key)}`
    : "";

  function activate(cell: Cell) {
    navigation.setActive(cell.key);
    if (cell.state.kind === "FREE" || cell.state.kind === "FULL") {
      setLastToggled(cell.key);
      return selection.toggle(cell.key);
    }
    if (cell.state.kind === "BOOKED") submission.openTarget(cell);
  }

  return (
    <div>
      <SendResults error={submission.error} results={submission.results} />
      <p className="sr-only" role="status" aria-live="polite">
        {announce}
      </p>
      {(familyView && children.length > 1) || pastRows.size > 0 ? (
        <div className="mb-3 flex flex-wrap items-end gap-x-4 gap-y-2">
          {familyView && children.length > 1 ? (
            <div>
              <label htmlFor="filtre-enfant" className="block text-sm font-semibold text-gray-900">
                Enfant affiché
              </label>
              <select id="filtre-enfant" value={child} onChange={(e) => setChild(e.target.value)} className={inputClass}>
                <option value="">Tous les enfants</option>
                {children.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {pastRows.size > 0 ? (
            <Button
              variant="secondary"
              className="sm:hidden"
              aria-expanded={showPast}
              aria-controls={tableId}
              onClick={() => setShowPast((v) => !v)}
            >
              {showPast ? <ChevronUp aria-hidden="true" className="size-5" /> : <ChevronDown aria-hidden="true" className="size-5" />}
              {showPast ? "Replier les jours passés" : `Afficher les jours passés (${pastRows.size})`}
            </Button>
          ) : null}
        </div>
      ) : null}
      <CalendarTable
        id={tableId}
        calendar={calendar}
        familyView={familyView}
        grid={grid}
        columns={shownColumns}
        sameActivity={sameActivity}
        gridRef={navigation.gridRef}
        onKeyDown={navigation.onKeyDown}
        isSelected={selection.isSelected}
        warningFor={selection.warningFor}
        foldedRows={foldedRows}
        roving={navigation.roving}
        onCellFocus={navigation.setActive}
        onCellActivate={activate}
      />
      <SelectionBar
        sendCount={selection.toSend.length}
        refusedCount={selection.refused.size}
        total={selection.total}
        pending={submission.pending}
        onClear={selection.clear}
        onSend={() => submission.sendSelection(selection.toSend, selection.clear)}
      />
      <BookedCellDialog
        target={submission.target}
        pending={submission.pending}
        error={submission.dialogError}
        onClose={submission.closeTarget}
        onCancel={submission.cancelTarget}
        onWithdraw={submission.withdrawTarget}
      />
    </div>
  );
}
