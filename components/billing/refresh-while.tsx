"use client";
import { useEffect } from "react";
import { useRouter } from "next/navigation";

/** Reads the page again every few seconds while `active` (a payment waiting for its confirmation). */
export function RefreshWhile({ active, everyMs = 2000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}
