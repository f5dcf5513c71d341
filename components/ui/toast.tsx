"use client";
import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { CheckCircle2 } from "lucide-react";
import type { ToastItem, Tone } from "./toast-region";

const ToastContext = createContext<(message: string, tone?: Tone) => void>(() => {});

/**
 * Radix Toast and its parts (≈ 10 kB gzip), downloaded with the first toast rather than with every page. Should the
 * download fail (network), the messages still show and are still announced, in a plain live region.
 */
const ToastRegion = lazy(() => import("./toast-region").catch(() => ({ default: PlainToasts })));

function PlainToasts({ items }: { items: ToastItem[] }) {
  return (
    <div role="status" aria-live="polite" className="fixed bottom-0 right-0 z-50 flex w-full max-w-sm flex-col gap-2 p-4">
      {items.map((item) => (
        <p key={item.id} className="rounded-md border-2 border-gray-700 bg-white p-3 font-semibold shadow-lg">
          {item.message}
        </p>
      ))}
    </div>
  );
}

/**
 * Short feedback after an action that leaves the page as it was (« Demande
 * validée »), announced politely by screen readers (Radix Toast: a live
 * region, F8 reaches it, hovering or focusing pauses it). It never carries
 * something the user must read to go on: that stays in the page. The region
 * is mounted with the first toast and stays; until then there is nothing for
 * F8 to reach.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[] | null>(null);
  const show = useCallback((message: string, tone: Tone = "success") => {
    setItems((current) => [...(current ?? []).slice(-2), { id: Date.now() + Math.random(), message: message.slice(0, 300), tone }]);
  }, []);
  const dismiss = useCallback((id: number) => setItems((current) => (current ?? []).filter((i) => i.id !== id)), []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      {items ? (
        <Suspense fallback={null}>
          <ToastRegion items={items} onDismiss={dismiss} />
        </Suspense>
      ) : null}
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
