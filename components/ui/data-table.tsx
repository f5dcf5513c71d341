import { EmptyState } from "./empty-state";
import { TableMarkup } from "./data-table-markup";
import { PagedDataTable } from "./data-table-paged";
import { DataTableClient } from "./data-table-client";
import { tableView } from "./data-table-view";
import type { DataColumn, DataRow, ServerSide } from "./data-table-types";

export type { DataColumn, DataRow, ServerSide } from "./data-table-types";

/**
 * The staff lists: sort by clicking a column header, filter with the search box, pages of `pageSize` rows (TanStack
 * Table underneath). On a phone each row becomes a block with its labels, so nothing scrolls sideways.
 *
 * A list with nothing to do in the browser — paged and sorted by the server page (`server`), or without a sortable
 * column, a filter (more than 5 rows with something to search) or a second page — is markup only: no JavaScript. The
 * others get their first view computed here and TanStack Table when someone uses them (ADR 046).
 */
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
  if (server) return <PagedDataTable caption={caption} columns={columns} rows={rows} emptyTitle={emptyTitle} server={server} />;
  if (rows.length === 0) return <EmptyState title={emptyTitle} />;
  // Rows without search text could only ever be filtered down to nothing: no box for them.
  const filterable = rows.length > 5 && rows.some((row) => row.search);
  const sorting = initialSort ? [{ id: initialSort.key, desc: Boolean(initialSort.desc) }] : [];
  const initialView = tableView(rows, columns, { sorting, filter: "", pageIndex: 0, pageSize });
  if (!filterable && initialView.pageCount <= 1 && !columns.some((c) => c.sortable)) {
    const byId = new Map(rows.map((row) => [row.id, row]));
    return (
      <TableMarkup
        caption={caption}
        columns={columns}
        rows={initialView.ids.map((id) => byId.get(id)!)}
        sorted={() => false}
        sortControl={() => null}
      />
    );
  }
  return (
    <DataTableClient
      caption={caption}
      columns={columns}
      rows={rows}
      pageSize={pageSize}
      filterLabel={filterLabel}
      filterable={filterable}
      initialSort={initialSort}
      initialView={initialView}
    />
  );
}
