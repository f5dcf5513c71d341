"use client";
import * as ToastPrimitive from "@radix-ui/react-toast";
import { AlertCircle, CheckCircle2, X } from "lucide-react";
import { cn } from "./cn";

export type Tone = "success" | "error";
export interface ToastItem {
  id: number;
  message: string;
  tone: Tone;
}

/** The toasts themselves (Radix Toast), loaded by `ToastProvider` (toast.tsx) when the first one is shown. */
export default function ToastRegion({ items, onDismiss }: { items: ToastItem[]; onDismiss: (id: number) => void }) {
  return (
    <ToastPrimitive.Provider label="Notification" duration={8000} swipeDirection="down">
      {items.map((item) => (
        <ToastPrimitive.Root
          key={item.id}
          type={item.tone === "error" ? "foreground" : "background"}
          onOpenChange={(open) => {
            if (!open) onDismiss(item.id);
          }}
          className={cn(
            "flex items-start gap-2 rounded-md border-2 bg-white p-3 shadow-lg",
            item.tone === "error" ? "border-red-700 text-red-950" : "border-green-700 text-green-950",
          )}
        >
          {item.tone === "error" ? (
            <AlertCircle aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          ) : (
            <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          )}
          <ToastPrimitive.Description className="flex-1 font-semibold">{item.message}</ToastPrimitive.Description>
          <ToastPrimitive.Close
            aria-label="Fermer la notification"
            className="-m-2 inline-flex size-11 items-center justify-center rounded text-gray-800 hover:bg-gray-100"
          >
            <X aria-hidden="true" className="size-5" />
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport className="fixed bottom-0 right-0 z-50 flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
    </ToastPrimitive.Provider>
  );
}
