"use client";
import { useMemo, useState, type ReactNode } from "react";
import Link from "next/link";
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "./button";
import { inputClass } from "./field";
import { EmptyState } from "./empty-state";

/** A column as a server page describes it (serialisable: no functions cross to the client). */
export interface DataColumn {
  key: string;
  header: string;
  /** Sorted on the row's `sort[key]` (a number or a string compared the French way). */
  sortable?: boolean;
  /** Shown as a row header (the thing the row is about). */
  rowHeader?: boolean;
  className?: string;
  /**
   * On a phone each cell is preceded by its column's name; false for cells that name themselves (a checkbox, buttons).
   * A row header goes without it (a name says what it is), unless true (a bare line number).
   */
  phoneLabel?: boolean;
}

/** A row: its cells already rendered by the server page, plus what to sort and filter on. */
export interface DataRow {
  id: string;
  cells: Record<string, ReactNode>;
  sort?: Record<string, string | number>;
  /** The text the filter box searches (names, e-mails…). */
  search?: string;
  /** The row's name for assistive technologies (« inscription de Léa MARTIN — Mercredis »). */
  label?: string;
}

/**
 * A list paged, sorted and searched on the server (ADR 043): the rows are one page, sorting is a link per column
 * (its URL keeps the filters), and the search box is the page's own GET form — nothing is filtered in the browser.
 */
export interface ServerSide {
  sort?: { key: string; desc: boolean };
  /** The URL that sorts by each sortable column (the other direction when it is the current one). */
  sortHref: Record<string, string>;
}

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

/**
 * The staff lists: sort by clicking a column header, filter with the search
 * box, pages of `pageSize` rows (TanStack Table underneath). On a phone each
 * row becomes a block with its labels, so nothing scrolls sideways.
 */
/** A sortable column's arrow (its direction, or both when unsorted) and « (trier) » for screen readers. */
function SortIndicator({ sorted }: { sorted: false | "asc" | "desc" }) {
  return (
    <>
      {sorted === "asc" ? (
        <ArrowUp aria-hidden="true" className="size-4" />
      ) : sorted === "desc" ? (
        <ArrowDown aria-hidden="true" className="size-4" />
      ) : (
        <ArrowUpDown aria-hidden="true" className="size-4 text-gray-500" />
      )}
      <span className="sr-only">{sorted ? "" : " (trier)"}</span>
    </>
  );
}

export function DataTable({
  caption,
  columns,
  rows,
  pageSize = 25,
  filterLabel = "Filtrer la liste",
  emptyTitle = "Rien à afficher",
  initialSort,
  server,
}: {
  caption: string;
  columns: DataColumn[];
  rows: DataRow[];
  pageSize?: number;
  filterLabel?: string;
  emptyTitle?: string;
  initialSort?: { key: string; desc?: boolean };
  /** Paged, sorted and searched by the server page: see ServerSide. */
  server?: ServerSide;
}) {
  const [sorting, setSorting] = useState<SortingState>(initialSort ? [{ id: initialSort.key, desc: Boolean(initialSort.desc) }] : []);
  const [filter, setFilter] = useState("");
  const columnDefs = useMemo<ColumnDef<DataRow>[]>(
    () =>
      columns.map((column) => ({
        id: column.key,
        header: column.header,
        enableSorting: Boolean(column.sortable),
        accessorFn: (row) => row.sort?.[column.key] ?? "",
        sortingFn: (a, b) => {
          const x = a.original.sort?.[column.key] ?? "";
          const y = b.original.sort?.[column.key] ?? "";
          return typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
        },
        cell: ({ row }) => row.original.cells[column.key] ?? null,
      })),
    [columns],
  );
  // The React Compiler cannot memoise TanStack's table instance; it is rebuilt per render by design.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns: columnDefs,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: (row, _column, value: string) =>
      (row.original.search ?? "")
        .toLocaleLowerCase("fr")
        .normalize("NFD")
        .replace(/\p{M}/gu, "")
        .includes(value.toLocaleLowerCase("fr").normalize("NFD").replace(/\p{M}/gu, "")),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    getRowId: (row) => row.id,
    manualSorting: Boolean(server),
    manualFiltering: Boolean(server),
    manualPagination: Boolean(server),
    initialState: { pagination: { pageSize } },
  });
  const shown = table.getFilteredRowModel().rows.length;
  const { pageIndex } = table.getState().pagination;
  const pageCount = table.getPageCount();
  const filterId = `filtre-${caption.replace(/\W+/g, "-").toLowerCase()}`;

  if (rows.length === 0) return <EmptyState title={emptyTitle} />;
  return (
    <div>
      {rows.length > 5 && !server ? (
        <div className="mb-3 flex flex-wrap items-end gap-3">
          <div className="flex min-w-60 flex-1 flex-col gap-1">
            <label htmlFor={filterId} className="font-semibold">
              {filterLabel}
            </label>
            <input
              id={filterId}
              type="search"
              className={inputClass}
              value={filter}
              onChange={(event) => {
                setFilter(event.target.value);
                table.setPageIndex(0);
              }}
            />
          </div>
          <p role="status" className="pb-2 text-sm text-gray-700">
            {shown === rows.length ? `${rows.length} lignes` : `${shown} sur ${rows.length} lignes`}
          </p>
        </div>
      ) : null}
      <table
        className={
          // Each row's look set once here, not repeated on every cell (ADR 043: a page of rows stays light).
          "w-full border-collapse text-left [&>tbody>tr]:block [&>tbody>tr]:border-b [&>tbody>tr]:border-gray-300 [&>tbody>tr]:py-2 md:[&>tbody>tr]:table-row md:[&>tbody>tr]:py-0 " +
          "[&>tbody>tr>*]:block [&>tbody>tr>*]:px-2 [&>tbody>tr>*]:py-1 [&>tbody>tr>*]:align-top md:[&>tbody>tr>*]:table-cell md:[&>tbody>tr>*]:py-2 [&>tbody>tr>th]:text-left [&>tbody>tr>th]:font-semibold"
        }
      >
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden md:table-header-group">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="border-b-2 border-gray-400">
              {group.headers.map((header) => {
                const sorted = server
                  ? server.sort?.key === header.column.id
                    ? server.sort.desc
                      ? "desc"
                      : "asc"
                    : false
                  : header.column.getIsSorted();
                const title = String(header.column.columnDef.header);
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className="px-2 py-2 align-bottom font-semibold"
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {server && header.column.getCanSort() && server.sortHref[header.column.id] ? (
                      <Link
                        href={server.sortHref[header.column.id]!}
                        className="inline-flex min-h-11 items-center gap-1 font-semibold hover:underline"
                      >
                        {title}
                        <SortIndicator sorted={sorted} />
                      </Link>
                    ) : !server && header.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="inline-flex min-h-11 items-center gap-1 text-left font-semibold hover:underline"
                      >
                        {title}
                        <SortIndicator sorted={sorted} />
                      </button>
                    ) : (
                      title
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} aria-label={row.original.label}>
              {row.getVisibleCells().map((cell) => {
                const column = columns.find((c) => c.key === cell.column.id);
                const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                const label = <span className="font-semibold text-gray-700 md:hidden">{column?.header} : </span>;
                return column?.rowHeader ? (
                  <th key={cell.id} scope="row">
                    {column.phoneLabel === true ? label : null}
                    {content}
                  </th>
                ) : (
                  <td key={cell.id} className={column?.className}>
                    {column?.header && column.phoneLabel !== false ? label : null}
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {shown === 0 ? <p className="py-3">Aucune ligne ne correspond à « {filter} ».</p> : null}
      {pageCount > 1 && !server ? (
        <nav aria-label={`Pages de la liste ${caption}`} className="mt-3 flex flex-wrap items-center gap-2">
          <Button variant="secondary" size="sm" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            <ChevronLeft aria-hidden="true" className="size-4" /> Précédente
          </Button>
          <span aria-live="polite">
            Page {pageIndex + 1} sur {pageCount}
          </span>
          <Button variant="secondary" size="sm" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            Suivante <ChevronRight aria-hidden="true" className="size-4" />
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
