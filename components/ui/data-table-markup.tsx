import type { ReactNode } from "react";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { DataColumn, DataRow, Sorted } from "./data-table-types";

/** A sortable column's arrow (its direction, or both when unsorted) and « (trier) » for screen readers. */
export function SortIndicator({ sorted }: { sorted: Sorted }) {
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

/**
 * The table itself, the same markup whether the server renders it alone or the browser re-sorts it (ADR 046):
 * `sorted` gives each column's direction, `sortControl` its link or button (null: the title alone).
 */
export function TableMarkup({
  caption,
  columns,
  rows,
  sorted,
  sortControl,
}: {
  caption: string;
  columns: DataColumn[];
  rows: DataRow[];
  sorted: (key: string) => Sorted;
  sortControl: (column: DataColumn, sorted: Sorted) => ReactNode;
}) {
  return (
    <table
      className={
        // Each row's look set once here, not repeated on every cell (ADR 043: a page of rows stays light).
        "w-full border-collapse text-left [&>tbody>tr]:block [&>tbody>tr]:border-b [&>tbody>tr]:border-gray-300 [&>tbody>tr]:py-2 md:[&>tbody>tr]:table-row md:[&>tbody>tr]:py-0 " +
        "[&>tbody>tr>*]:block [&>tbody>tr>*]:px-2 [&>tbody>tr>*]:py-1 [&>tbody>tr>*]:align-top md:[&>tbody>tr>*]:table-cell md:[&>tbody>tr>*]:py-2 [&>tbody>tr>th]:text-left [&>tbody>tr>th]:font-semibold"
      }
    >
      <caption className="sr-only">{caption}</caption>
      <thead className="hidden md:table-header-group">
        <tr className="border-b-2 border-gray-400">
          {columns.map((column) => {
            const direction = column.sortable ? sorted(column.key) : false;
            return (
              <th
                key={column.key}
                scope="col"
                className="px-2 py-2 align-bottom font-semibold"
                aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : undefined}
              >
                {(column.sortable ? sortControl(column, direction) : null) ?? column.header}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} aria-label={row.label}>
            {columns.map((column) => {
              const content = row.cells[column.key] ?? null;
              const label = <span className="font-semibold text-gray-700 md:hidden">{column.header} : </span>;
              return column.rowHeader ? (
                <th key={column.key} scope="row">
                  {column.phoneLabel === true ? label : null}
                  {content}
                </th>
              ) : (
                <td key={column.key} className={column.className}>
                  {column.header && column.phoneLabel !== false ? label : null}
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
