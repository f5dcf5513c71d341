import Link from "next/link";
import type { ComponentProps } from "react";
import { buttonVariants, type ButtonVariants } from "./button";
import { linkClass } from "./classes";
import { cn } from "./cn";

/** A link (it goes somewhere) that looks like a button (it is a main action). */
export function LinkButton({ className, variant, size, ...props }: ComponentProps<typeof Link> & ButtonVariants) {
  return <Link className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}

/** A text link with a 44 px touch target on a phone (back links, « Voir »…). */
export function TextLink({ className, ...props }: ComponentProps<typeof Link>) {
  return <Link className={cn(linkClass, "inline-flex min-h-11 items-center gap-1 sm:min-h-0", className)} {...props} />;
}
