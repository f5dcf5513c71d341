import { forwardRef, type ButtonHTMLAttributes } from "react";
import { Slot } from "@radix-ui/react-slot";
import { cva, type VariantProps } from "class-variance-authority";
import { LoaderCircle } from "lucide-react";
import { cn } from "./cn";

/**
 * Every button and button-looking link of the portal. Each size keeps a 44 px
 * touch target on a phone (WCAG 2.5.8 asks 24, public-service guides 44);
 * `sm` shrinks only from the `sm` breakpoint up, where a mouse is likely.
 */
export const buttonVariants = cva(
  "inline-flex items-center justify-center gap-2 rounded-md font-semibold no-underline transition-colors disabled:cursor-not-allowed disabled:opacity-70 aria-disabled:cursor-not-allowed aria-disabled:opacity-70",
  {
    variants: {
      variant: {
        primary: "bg-brand text-white hover:bg-brand-dark",
        secondary: "border border-brand bg-white text-brand hover:bg-brand-soft",
        danger: "bg-red-700 text-white hover:bg-red-800",
        quiet: "text-brand underline hover:bg-brand-soft",
      },
      size: {
        sm: "min-h-11 px-3 py-1 text-sm sm:min-h-9",
        md: "min-h-11 px-4 py-2 text-base",
        lg: "min-h-12 px-5 py-3 text-lg",
      },
    },
    defaultVariants: { variant: "primary", size: "md" },
  },
);

export type ButtonVariants = VariantProps<typeof buttonVariants>;

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, ButtonVariants {
  /** While the action runs: disabled, announced busy, a spinner and (optionally) another label. */
  pending?: boolean;
  pendingLabel?: string;
  /** Render the child element (a link…) with the button's look. */
  asChild?: boolean;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { className, variant, size, pending = false, pendingLabel, asChild = false, children, disabled, type, ...props },
  ref,
) {
  if (asChild) {
    return (
      <Slot ref={ref} className={cn(buttonVariants({ variant, size }), className)} {...props}>
        {children}
      </Slot>
    );
  }
  return (
    <button
      ref={ref}
      type={type ?? "button"}
      className={cn(buttonVariants({ variant, size }), className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...props}
    >
      {pending ? <LoaderCircle aria-hidden="true" className="size-4 animate-spin" /> : null}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
});
