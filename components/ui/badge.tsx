import { cva, type VariantProps } from "class-variance-authority";
import type { ReactNode } from "react";
import { cn } from "./cn";

/** Tones shared by every machine's states (lib/workflow `Tone`) and by other small labels. */
export const badgeVariants = cva("inline-flex items-center gap-1 rounded border px-2 py-0.5 text-sm font-semibold", {
  variants: {
    tone: {
      waiting: "border-amber-700 bg-amber-100 text-amber-950",
      done: "border-green-700 bg-green-100 text-green-950",
      refused: "border-red-700 bg-red-100 text-red-950",
      closed: "border-gray-600 bg-gray-100 text-gray-900",
      info: "border-brand bg-brand-soft text-brand-dark",
    },
  },
  defaultVariants: { tone: "closed" },
});

export function Badge({ tone, className, children }: VariantProps<typeof badgeVariants> & { className?: string; children: ReactNode }) {
  return <span className={cn(badgeVariants({ tone }), className)}>{children}</span>;
}
