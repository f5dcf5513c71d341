"use client";
import { useEffect, useState, type Dispatch, type SetStateAction } from "react";
import type { UseFormReturn } from "react-hook-form";
import { CHILD_STEPS } from "@/lib/families/child-options";
import type { ChildData, ChildFormInput } from "@/lib/families/schemas";

/**
 * The draft of the wizard, kept in the tab (sessionStorage) so a reload loses nothing: restored once (values
 * and step), then written on every change. Says whether a draft was restored; `discard` forgets it once saved.
 */
export function useChildDraft(
  form: UseFormReturn<ChildFormInput, unknown, ChildData>,
  draftKey: string,
  step: number,
  setStep: Dispatch<SetStateAction<number>>,
  setVisited: Dispatch<SetStateAction<number>>,
) {
  const [restored, setRestored] = useState(false);
  const storageKey = `portail-famille:${draftKey}`;

  // Restore the draft of this tab, once.
  useEffect(() => {
    const saved = window.sessionStorage.getItem(storageKey);
    if (saved) {
      try {
        const draft = JSON.parse(saved) as { values: ChildFormInput; step: number };
        form.reset(draft.values);
        const restoredStep = Math.min(Math.max(draft.step, 0), CHILD_STEPS.length - 1);
        setStep(restoredStep);
        setVisited(restoredStep);
        // sessionStorage exists only in the browser, after hydration: this one update is the point.
        // eslint-disable-next-line react-hooks/set-state-in-effect
        setRestored(true);
      } catch {
        window.sessionStorage.removeItem(storageKey);
      }
    }
    // setStep and setVisited are state setters (stable): the draft is read once per form and key.
  }, [form, storageKey, setStep, setVisited]);

  // Keep the draft up to date.
  useEffect(() => {
    const subscription = form.watch((values) => {
      window.sessionStorage.setItem(storageKey, JSON.stringify({ values, step }));
    });
    window.sessionStorage.setItem(storageKey, JSON.stringify({ values: form.getValues(), step }));
    return () => subscription.unsubscribe();
  }, [form, step, storageKey]);

  return { restored, discard: () => window.sessionStorage.removeItem(storageKey) };
}
