"use client";
import * as ToastPrimitive from "@radix-ui/react-toast";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { CheckCircle2, AlertCircle, X } from "lucide-react";
import { cn } from "./cn";

type Tone = "success" | "error";
interface ToastItem {
  id: number;
  message: string;
  tone: Tone;
}

const ToastContext = createContext<(message: string, tone?: Tone) => void>(() => {});

/**
 * Short feedback after an action that leaves the page as it was (« Demande
 * validée »), announced politely by screen readers (Radix Toast: a live
 * region, F8 reaches it, hovering or focusing pauses it). It never carries
 * something the user must read to go on: that stays in the page.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const show = useCallback((message: string, tone: Tone = "success") => {
    setItems((current) => [...current.slice(-2), { id: Date.now() + Math.random(), message: message.slice(0, 300), tone }]);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      <ToastPrimitive.Provider label="Notification" duration={8000} swipeDirection="down">
        {children}
        {items.map((item) => (
          <ToastPrimitive.Root
            key={item.id}
            type={item.tone === "error" ? "foreground" : "background"}
            onOpenChange={(open) => {
              if (!open) setItems((current) => current.filter((i) => i.id !== item.id));
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
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}

/**
 * The confirmation a form leaves for the page it goes to. It travels in this
 * tab's sessionStorage, written by our own code from the server action's
 * answer — never in the URL, so no link can make the portal « say » anything.
 */
const KEY = "portail:confirmation";

export function leaveFlashMessage(message: string): void {
  window.sessionStorage.setItem(KEY, message.slice(0, 300));
}

/** Shows the message left by the previous page once, in the page, and moves the focus to it. */
export function FlashMessage() {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const stored = window.sessionStorage.getItem(KEY);
    if (stored) {
      window.sessionStorage.removeItem(KEY);
      // sessionStorage exists only in the browser, after hydration: this one update is the point.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setMessage(stored);
    }
  }, []);
  return (
    <div
      role="status"
      aria-live="polite"
      tabIndex={-1}
      ref={(node) => {
        if (node && message) node.focus();
      }}
      className={message ? "mb-4 flex items-start gap-2 rounded-md border border-green-700 bg-green-50 p-3 text-green-950" : undefined}
    >
      {message ? (
        <>
          <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          <span>{message}</span>
        </>
      ) : null}
    </div>
  );
}
