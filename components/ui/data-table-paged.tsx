import Link from "next/link";
import { EmptyState } from "./empty-state";
import { SortIndicator, TableMarkup } from "./data-table-markup";
import type { DataColumn, DataRow, ServerSide } from "./data-table-types";

/**
 * A list paged, sorted and searched by the server page (ADR 043): markup and links only — no TanStack Table, so a
 * client component may draw it (the queues' tables, ADR 047) without bringing the library into the page (ADR 046).
 */
export function PagedDataTable({
  caption,
  columns,
  rows,
  emptyTitle = "Rien à afficher",
  server,
}: {
  caption: string;
  columns: DataColumn[];
  rows: DataRow[];
  emptyTitle?: string;
  server: ServerSide;
}) {
  if (rows.length === 0) return <EmptyState title={emptyTitle} />;
  return (
    <TableMarkup
      caption={caption}
      columns={columns}
      rows={rows}
      sorted={(key) => (server.sort?.key === key ? (server.sort.desc ? "desc" : "asc") : false)}
      sortControl={(column, sorted) =>
        server.sortHref[column.key] ? (
          <Link href={server.sortHref[column.key]!} className="inline-flex min-h-11 items-center gap-1 font-semibold hover:underline">
            {column.header}
            <SortIndicator sorted={sorted} />
          </Link>
        ) : null
      }
    />
  );
}
