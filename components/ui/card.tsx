import type { HTMLAttributes, ReactNode } from "react";
import { cardClass } from "./classes";
import { cn } from "./cn";

/** A white block of the page. As a `section` with its heading when `title` is given. */
export function Card({
  title,
  titleId,
  actions,
  className,
  children,
  ...props
}: HTMLAttributes<HTMLElement> & {
  title?: ReactNode;
  /** The heading's id (for aria-labelledby and links to the section). */
  titleId?: string;
  actions?: ReactNode;
}) {
  const Element = title ? "section" : "div";
  return (
    <Element className={cn(cardClass, className)} aria-labelledby={title ? titleId : undefined} {...props}>
      {title ? (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id={titleId} className="text-lg font-bold text-gray-900" tabIndex={-1}>
            {title}
          </h2>
          {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </Element>
  );
}
