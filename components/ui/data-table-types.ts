import type { ReactNode } from "react";

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

export type Sorted = false | "asc" | "desc";
