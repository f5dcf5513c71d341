"use client";
import type { MonthCalendar } from "@/lib/reservations/get-month-calendar";
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
 */
export function ReservationCalendar({
  calendar,
  familyView,
  send,
  cancel,
  withdraw,
}: {
  calendar: MonthCalendar;
  familyView: boolean;
  send: SendCells;
  cancel: OnReservation;
  withdraw: OnReservation;
}) {
  const { units, laneById, grid, allCells, columns, sameActivity } = useCalendarGrid(calendar, familyView);
  const selection = useCellSelection(calendar, grid, allCells, units);
  const submission = useCalendarSubmission({ send, cancel, withdraw, units, laneById });
  const navigation = useGridNavigation(allCells.filter(isInteractive).map((c) => c.key));

  function activate(cell: Cell) {
    navigation.setActive(cell.key);
    if (cell.state.kind === "FREE" || cell.state.kind === "FULL") return selection.toggle(cell.key);
    if (cell.state.kind === "BOOKED") submission.openTarget(cell);
  }

  return (
    <div>
      <SendResults error={submission.error} results={submission.results} />
      <CalendarTable
        calendar={calendar}
        familyView={familyView}
        grid={grid}
        columns={columns}
        sameActivity={sameActivity}
        gridRef={navigation.gridRef}
        onKeyDown={navigation.onKeyDown}
        isSelected={selection.isSelected}
        roving={navigation.roving}
        onCellFocus={navigation.setActive}
        onCellActivate={activate}
      />
      <SelectionBar
        chosenCount={selection.chosen.length}
        total={selection.total}
        ruleWarnings={selection.ruleWarnings}
        pending={submission.pending}
        onClear={selection.clear}
        onSend={() => submission.sendSelection(selection.chosen, selection.clear)}
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
