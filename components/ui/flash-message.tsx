"use client";
import { useEffect, useRef, useState } from "react";

/**
 * The confirmation a form leaves for the page it goes to. It travels in this
 * tab's sessionStorage, written by our own code from the server action's
 * answer — never in the URL, so no link can make the portal « say » anything.
 * Shown once, then forgotten; focus goes to it.
 */
const KEY = "portail:confirmation";

export function leaveFlashMessage(message: string): void {
  window.sessionStorage.setItem(KEY, message.slice(0, 300));
}

export function FlashMessage() {
  const [message, setMessage] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const stored = window.sessionStorage.getItem(KEY);
    if (stored) {
      window.sessionStorage.removeItem(KEY);
      // sessionStorage exists only in the browser, after hydration: this one update is the point.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setMessage(stored);
    }
  }, []);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  return (
    <div role="status" aria-live="polite" ref={ref} tabIndex={-1} className={message ? "alert alert-success" : undefined}>
      {message}
    </div>
  );
}
