/**
 * The staff lists (ADR 046): the view TanStack Table computes — on the server for the first one, in the browser after
 * a sort, a filter or a page — and which lists ship a client component at all.
 */
import { describe, expect, it } from "vitest";
import { nextSorting, tableView, type TableState } from "@/components/ui/data-table-view";
import { DataTable, type DataColumn, type DataRow } from "@/components/ui/data-table";
import { DataTableClient } from "@/components/ui/data-table-client";
import { TableMarkup } from "@/components/ui/data-table-markup";
import { PagedDataTable } from "@/components/ui/data-table-paged";

const columns: DataColumn[] = [
  { key: "nom", header: "Nom", sortable: true, rowHeader: true },
  { key: "age", header: "Âge", sortable: true },
];
const row = (id: string, nom: string, age: number): DataRow => ({ id, cells: { nom, age }, sort: { nom, age }, search: nom });
const rows = [row("z", "Zoé", 7), row("e", "Émile", 9), row("v", "eve", 4), row("a", "adam", 9), row("l", "Léa", 2), row("m", "Marc", 5)];
const state = (over: Partial<TableState> = {}): TableState => ({ sorting: [], filter: "", pageIndex: 0, pageSize: 25, ...over });

describe("la vue d'une liste (TanStack Table)", () => {
  it("trie à la française (accents et casse ignorés), puis les nombres, et à rebours", () => {
    expect(tableView(rows, columns, state({ sorting: [{ id: "nom", desc: false }] })).ids).toEqual(["a", "e", "v", "l", "m", "z"]);
    expect(
      tableView(rows, columns, state({ sorting: [{ id: "age", desc: true }] }))
        .ids.slice(0, 2)
        .sort(),
    ).toEqual(["a", "e"]);
    expect(tableView(rows, columns, state()).ids).toEqual(["z", "e", "v", "a", "l", "m"]);
  });

  it("filtre sans accents et compte les lignes trouvées", () => {
    expect(tableView(rows, columns, state({ filter: "EMILE" }))).toEqual({ ids: ["e"], shown: 1, pageCount: 1 });
    expect(tableView(rows, columns, state({ filter: "personne" }))).toEqual({ ids: [], shown: 0, pageCount: 0 });
  });

  it("découpe en pages", () => {
    expect(tableView(rows, columns, state({ pageSize: 4, pageIndex: 1 }))).toEqual({ ids: ["l", "m"], shown: 6, pageCount: 2 });
  });

  it("un clic sur un tri : croissant, décroissant, aucun (un nombre : le plus grand d'abord) ; Maj ajoute une colonne", () => {
    const asc = nextSorting(rows, columns, state(), "nom", false);
    expect(asc).toEqual([{ id: "nom", desc: false }]);
    const desc = nextSorting(rows, columns, state({ sorting: asc }), "nom", false);
    expect(desc).toEqual([{ id: "nom", desc: true }]);
    expect(nextSorting(rows, columns, state({ sorting: desc }), "nom", false)).toEqual([]);
    expect(nextSorting(rows, columns, state({ sorting: asc }), "age", true)).toEqual([
      { id: "nom", desc: false },
      { id: "age", desc: true },
    ]);
    expect(nextSorting(rows, columns, state({ sorting: asc }), "age", false)).toEqual([{ id: "age", desc: true }]);
  });
});

describe("ce que chaque liste envoie au navigateur", () => {
  const inert: DataColumn[] = [{ key: "nom", header: "Nom" }];

  it("une liste triable reçoit sa première vue calculée par le serveur", () => {
    const element = DataTable({ caption: "Enfants", columns, rows, initialSort: { key: "nom" } });
    expect(element.type).toBe(DataTableClient);
    expect(element.props).toMatchObject({ filterable: true, initialView: { ids: ["a", "e", "v", "l", "m", "z"], shown: 6, pageCount: 1 } });
  });

  it("une liste paginée par le serveur, ou sans tri, filtre ni seconde page, n'est que du HTML", () => {
    const paged = DataTable({ caption: "Enfants", columns, rows, server: { sortHref: {} } });
    expect(paged.type).toBe(PagedDataTable);
    expect(PagedDataTable(paged.props as Parameters<typeof PagedDataTable>[0]).type).toBe(TableMarkup);
    expect(DataTable({ caption: "Enfants", columns: inert, rows: rows.slice(0, 5) }).type).toBe(TableMarkup);
    // Rows with nothing to search: no filter box (it could only hide every row).
    expect(DataTable({ caption: "Jours", columns: inert, rows: rows.map((r) => ({ ...r, search: undefined })) }).type).toBe(TableMarkup);
    // More than a page, or something to search: the browser needs the list's controls.
    expect(DataTable({ caption: "Enfants", columns: inert, rows, pageSize: 4 }).type).toBe(DataTableClient);
    expect(DataTable({ caption: "Enfants", columns: inert, rows }).type).toBe(DataTableClient);
  });
});
