"use client";
import { useState } from "react";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "./button";
import { Alert, inputClass } from "./field";
import { SortIndicator, TableMarkup } from "./data-table-markup";
import type { DataColumn, DataRow, Sorted } from "./data-table-types";
import type { TableState, TableView } from "./data-table-view";

/*
 * A list sorted, filtered and paged in the browser (ADR 046). Its first view comes computed from the server; TanStack
 * Table (`data-table-view.ts`, ≈ 14 kB gzip) is downloaded when the pointer or the focus reaches the list's controls,
 * or at the first sort, filter or page — the controls work at once, the rows follow the download (milliseconds).
 */
type Engine = typeof import("./data-table-view");
let engine: Promise<Engine> | null = null;
function loadEngine() {
  engine ??= import("./data-table-view").catch((error: unknown) => {
    engine = null; // a failed preload does not stand for the next attempt
    throw error;
  });
  return engine;
}

export function DataTableClient({
  caption,
  columns,
  rows,
  pageSize,
  filterLabel,
  filterable,
  initialSort,
  initialView,
}: {
  caption: string;
  columns: DataColumn[];
  rows: DataRow[];
  pageSize: number;
  filterLabel: string;
  filterable: boolean;
  initialSort?: { key: string; desc?: boolean };
  /** What the server computed for the initial state (the initial sort, the first page, no filter). */
  initialView: TableView;
}) {
  const [state, setState] = useState<TableState>({
    sorting: initialSort ? [{ id: initialSort.key, desc: Boolean(initialSort.desc) }] : [],
    filter: "",
    pageIndex: 0,
    pageSize,
  });
  const [view, setView] = useState<Engine | null>(null);
  const [failed, setFailed] = useState(false);
  // A new list (the page refreshed after an action) starts again at its first page, as TanStack Table does.
  const [list, setList] = useState(rows);
  if (list !== rows) {
    setList(rows);
    if (state.pageIndex !== 0) setState({ ...state, pageIndex: 0 });
  }
  const load = () =>
    loadEngine().then(
      (m) => {
        setView(() => m);
        return m;
      },
      () => {
        setFailed(true);
        return null;
      },
    );
  const preload = () => void load();
  const change = (next: (state: TableState, m: Engine) => TableState) =>
    void load().then((m) => m && setState((current) => next(current, m)));

  const shownView = view ? view.tableView(rows, columns, state) : initialView;
  const byId = new Map(rows.map((row) => [row.id, row]));
  const pageRows = shownView.ids.flatMap((id) => byId.get(id) ?? []);
  const { shown, pageCount } = shownView;
  const sortedOf = (key: string): Sorted => {
    const entry = state.sorting.find((s) => s.id === key);
    return entry ? (entry.desc ? "desc" : "asc") : false;
  };
  const filterId = `filtre-${caption.replace(/\W+/g, "-").toLowerCase()}`;

  return (
    <div onPointerEnter={preload} onFocus={preload}>
      {failed ? (
        <Alert tone="error">
          Le tri et le filtre de la liste n&apos;ont pas pu se charger : la connexion semble interrompue. Rechargez la page.
        </Alert>
      ) : null}
      {filterable ? (
        <div className="mb-3 flex flex-wrap items-end gap-3">
          <div className="flex min-w-60 flex-1 flex-col gap-1">
            <label htmlFor={filterId} className="font-semibold">
              {filterLabel}
            </label>
            <input
              id={filterId}
              type="search"
              className={inputClass}
              value={state.filter}
              onChange={(event) => {
                const filter = event.target.value;
                // The box follows the keyboard at once; the rows follow TanStack Table's download.
                setState((current) => ({ ...current, filter, pageIndex: 0 }));
                preload();
              }}
            />
          </div>
          <p role="status" className="pb-2 text-sm text-gray-700">
            {shown === rows.length ? `${rows.length} lignes` : `${shown} sur ${rows.length} lignes`}
          </p>
        </div>
      ) : null}
      <TableMarkup
        caption={caption}
        columns={columns}
        rows={pageRows}
        sorted={sortedOf}
        sortControl={(column, sorted) => (
          <button
            type="button"
            onClick={(event) => {
              const multi = event.shiftKey;
              change((current, m) => ({
                ...current,
                sorting: m.nextSorting(rows, columns, current, column.key, multi),
                pageIndex: 0,
              }));
            }}
            className="inline-flex min-h-11 items-center gap-1 text-left font-semibold hover:underline"
          >
            {column.header}
            <SortIndicator sorted={sorted} />
          </button>
        )}
      />
      {shown === 0 ? <p className="py-3">Aucune ligne ne correspond à « {state.filter} ».</p> : null}
      {pageCount > 1 ? (
        <nav aria-label={`Pages de la liste ${caption}`} className="mt-3 flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => change((current) => ({ ...current, pageIndex: current.pageIndex - 1 }))}
            disabled={state.pageIndex === 0}
          >
            <ChevronLeft aria-hidden="true" className="size-4" /> Précédente
          </Button>
          <span aria-live="polite">
            Page {state.pageIndex + 1} sur {pageCount}
          </span>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => change((current) => ({ ...current, pageIndex: current.pageIndex + 1 }))}
            disabled={state.pageIndex >= pageCount - 1}
          >
            Suivante <ChevronRight aria-hidden="true" className="size-4" />
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
