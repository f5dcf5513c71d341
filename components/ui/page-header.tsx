import Link from "next/link";
import type { ReactNode } from "react";
import { ChevronRight } from "lucide-react";
import { linkClass } from "./classes";
import { cn } from "./cn";

export interface Crumb {
  label: string;
  href: string;
}

/**
 * The top of every page: where one is (breadcrumbs, the current page last and
 * not a link), the page's one h1, a sentence and the page's main actions.
 */
export function PageHeader({
  title,
  breadcrumbs,
  description,
  actions,
}: {
  title: string;
  breadcrumbs?: Crumb[];
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="mb-5">
      {breadcrumbs && breadcrumbs.length > 0 ? (
        <nav aria-label="Fil d'Ariane" className="mb-1 text-sm">
          <ol className="flex flex-wrap items-center gap-x-1">
            {breadcrumbs.map((crumb) => (
              <li key={crumb.href} className="flex items-center gap-1">
                <Link href={crumb.href} className={cn(linkClass, "inline-flex min-h-11 items-center sm:min-h-0")}>
                  {crumb.label}
                </Link>
                <ChevronRight aria-hidden="true" className="size-4 text-gray-600" />
              </li>
            ))}
            <li aria-current="page" className="text-gray-700">
              {title}
            </li>
          </ol>
        </nav>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-bold text-gray-900" tabIndex={-1} id="titre-page">
          {title}
        </h1>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      {description ? <div className="mt-1 text-gray-700">{description}</div> : null}
    </div>
  );
}
