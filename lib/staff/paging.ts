/**
 * Server-side pages of the staff queues (ADR 043): the page asked in the URL (`?page=3`), the search words and the
 * sort, read the same way by every queue, so that a page holds only the rows it shows — never the whole queue.
 */

/** Rows per page of a staff queue: what a desk reads at once, and an HTML page of well under 200 kB. */
export const QUEUE_PAGE_SIZE = 20;

export interface PageRequest {
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
  /** 1-based, clamped to the last page (a decision that empties the last page shows the one before). */
  page: number;
  pageCount: number;
  pageSize: number;
}

type Params = Record<string, string | string[] | undefined>;

/** `?<name>=N`: a positive whole number, else 1. */
export function pageParam(params: Params, name = "page"): number {
  const value = params[name];
  const n = typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.max(1, n);
}

/** The words of a search box (`?q=`), at most 5, each at most 60 characters; none when empty. */
export function searchWords(params: Params, name = "q"): string[] {
  const value = params[name];
  if (typeof value !== "string") return [];
  return value
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((w) => w.slice(0, 60));
}

/** `?tri=<key>&ordre=desc`: a key among `keys` (else the queue's own order), descending only when asked. */
export function sortParam<K extends string>(params: Params, keys: readonly K[]): { key: K; desc: boolean } | undefined {
  const key = params.tri;
  if (typeof key !== "string" || !(keys as readonly string[]).includes(key)) return undefined;
  return { key: key as K, desc: params.ordre === "desc" };
}

/** The page to read: the one asked, clamped once the total is known (so that `skip` never passes the end). */
export function clampPage(asked: PageRequest, total: number): { page: number; pageCount: number; skip: number } {
  const pageCount = Math.max(1, Math.ceil(total / asked.pageSize));
  const page = Math.min(asked.page, pageCount);
  return { page, pageCount, skip: (page - 1) * asked.pageSize };
}
