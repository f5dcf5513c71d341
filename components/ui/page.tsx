import type { HTMLAttributes } from "react";
import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "./cn";

/** The page's column: narrow for a parent's page or a form, wide for the staff's lists and tables. */
export const pageVariants = cva("mx-auto w-full px-4 py-6", {
  variants: { width: { narrow: "max-w-3xl", wide: "max-w-6xl" } },
  defaultVariants: { width: "narrow" },
});

export function Page({ width, className, ...props }: HTMLAttributes<HTMLDivElement> & VariantProps<typeof pageVariants>) {
  return <div className={cn(pageVariants({ width }), className)} {...props} />;
}

/** The page's one h1 when it has no `PageHeader` (the caller gives it `id="titre-page"`, where the focus goes). */
export function PageTitle({ className, ...props }: HTMLAttributes<HTMLHeadingElement>) {
  return <h1 className={cn("mb-4 text-2xl font-bold text-gray-900", className)} {...props} />;
}
