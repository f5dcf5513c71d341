import {
  createTable,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  type ColumnDef,
  type SortingState,
  type Table,
  type Updater,
} from "@tanstack/react-table";
import type { DataColumn, DataRow } from "./data-table-types";

/**
 * What a client-side DataTable shows, computed by TanStack Table (ADR 046): the server page's first view is computed
 * here on the server, and the browser downloads this module (TanStack Table with it) only when someone sorts,
 * filters or turns a page — `data-table-client.tsx` imports it on demand.
 */
export interface TableState {
  sorting: SortingState;
  filter: string;
  pageIndex: number;
  pageSize: number;
}

/** The rows to show (their ids, in order), how many match the filter, and the number of pages. */
export interface TableView {
  ids: string[];
  shown: number;
  pageCount: number;
}

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });
const fold = (text: string) => text.toLocaleLowerCase("fr").normalize("NFD").replace(/\p{M}/gu, "");

function columnDefs(columns: DataColumn[]): ColumnDef<DataRow>[] {
  return columns.map((column) => ({
    id: column.key,
    header: column.header,
    enableSorting: Boolean(column.sortable),
    accessorFn: (row) => row.sort?.[column.key] ?? "",
    sortingFn: (a, b) => {
      const x = a.original.sort?.[column.key] ?? "";
      const y = b.original.sort?.[column.key] ?? "";
      return typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
    },
  }));
}

/** TanStack's vanilla table (no React state: the caller holds it), with our sort, filter and pages. */
function table(rows: DataRow[], columns: DataColumn[], state: TableState, onSortingChange?: (updater: Updater<SortingState>) => void) {
  const instance: Table<DataRow> = createTable<DataRow>({
    data: rows,
    columns: columnDefs(columns),
    state: {},
    onStateChange: () => {},
    onSortingChange,
    renderFallbackValue: null,
    globalFilterFn: (row, _column, value: string) => fold(row.original.search ?? "").includes(fold(value)),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    getRowId: (row) => row.id,
    // The page is set by the caller (back to the first on a new filter, sort or list); no reset queued behind its back.
    autoResetPageIndex: false,
  });
  instance.setOptions((previous) => ({
    ...previous,
    state: {
      ...instance.initialState,
      sorting: state.sorting,
      globalFilter: state.filter,
      pagination: { pageIndex: state.pageIndex, pageSize: state.pageSize },
    },
  }));
  return instance;
}

export function tableView(rows: DataRow[], columns: DataColumn[], state: TableState): TableView {
  const t = table(rows, columns, state);
  return {
    ids: t.getRowModel().rows.map((row) => row.id),
    shown: t.getFilteredRowModel().rows.length,
    pageCount: t.getPageCount(),
  };
}

/** The sorting after a click on a column's sort button (TanStack's cycle: ascending, descending, none; Maj adds a column). */
export function nextSorting(rows: DataRow[], columns: DataColumn[], state: TableState, columnId: string, multi: boolean): SortingState {
  let next = state.sorting;
  const t = table(rows, columns, state, (updater) => {
    next = typeof updater === "function" ? updater(state.sorting) : updater;
  });
  const column = t.getColumn(columnId);
  if (column?.getCanSort()) column.toggleSorting(undefined, column.getCanMultiSort() ? multi : false);
  return next;
}
