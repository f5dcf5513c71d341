import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { buttonVariants } from "./button";
import { cn } from "./cn";

/** The pages to offer: the first, the last, and two either side of the current one (… between). */
function pageNumbers(page: number, pageCount: number): (number | "…")[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])]
    .filter((n) => n >= 1 && n <= pageCount)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? (["…", n] as const) : [n]));
}

/**
 * The pages of a server-paged list (ADR 043): links, so that the page asked is in the URL with the filters (a
 * reload, a shared link or « Précédente » of the browser shows the same rows). « Page précédente », the numbers,
 * « Page suivante »; the current page is marked for assistive technologies (aria-current).
 */
export function Pager({
  label,
  page,
  pageCount,
  total,
  pageSize,
  noun,
  href,
}: {
  /** What is paged (« Demandes de réservation »): the navigation's name. */
  label: string;
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  /** The rows' word, plural (« demandes »). */
  noun: string;
  href: (page: number) => string;
}) {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const step = buttonVariants({ variant: "secondary", size: "sm" });
  return (
    <nav aria-label={`Pages : ${label}`} className="print:hidden my-3 flex flex-wrap items-center gap-2">
      <p className="basis-full text-sm text-gray-800">
        {total <= pageSize ? `${total} ${noun}` : `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${first} à ${last} sur ${total}`}
        {pageCount > 1 ? ` — page ${page} sur ${pageCount}` : ""}
      </p>
      {pageCount > 1 ? (
        <>
          {page > 1 ? (
            <Link href={href(page - 1)} className={step} rel="prev">
              <ChevronLeft aria-hidden="true" className="size-4" /> Page précédente
            </Link>
          ) : null}
          <ul className="flex flex-wrap items-center gap-1">
            {pageNumbers(page, pageCount).map((n, i) =>
              n === "…" ? (
                <li key={`ellipsis-${i}`} aria-hidden="true" className="px-1">
                  …
                </li>
              ) : (
                <li key={n}>
                  <Link
                    href={href(n)}
                    aria-label={`Page ${n}`}
                    aria-current={n === page ? "page" : undefined}
                    className={cn(
                      "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border px-2 font-semibold",
                      n === page ? "border-brand bg-brand text-white" : "border-gray-400 bg-white text-brand underline",
                    )}
                  >
                    {n}
                  </Link>
                </li>
              ),
            )}
          </ul>
          {page < pageCount ? (
            <Link href={href(page + 1)} className={step} rel="next">
              Page suivante <ChevronRight aria-hidden="true" className="size-4" />
            </Link>
          ) : null}
        </>
      ) : null}
    </nav>
  );
}

/** The URL of `path` with `params` (the page's filters), `changes` applied; an empty or undefined value is dropped. */
export function hrefWith(
  path: string,
  params: Record<string, string | string[] | undefined>,
  changes: Record<string, string | number | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...changes })) {
    if (typeof value === "number" || (typeof value === "string" && value !== "")) query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
