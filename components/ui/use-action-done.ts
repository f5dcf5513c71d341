"use client";
import { useCallback } from "react";
import { useRouter } from "next/navigation";
import { useToast } from "./toast";
import { focusAfterChange } from "./focus";

/**
 * What follows an action that changes the page under the user, in one place: its message as a toast, the
 * server components read again, and — when given — the focus moved to the first of `focus` that exists
 * (the element that had it may be gone with the refresh).
 */
export function useActionDone() {
  const router = useRouter();
  const toast = useToast();
  return useCallback(
    (message: string, focus?: readonly string[]) => {
      toast(message);
      router.refresh();
      if (focus) focusAfterChange(...focus);
    },
    [router, toast],
  );
}
