"use client";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { FormAlert } from "@/components/ui/field";
import { useActionDone } from "@/components/ui/use-action-done";
import type { ActionResult } from "@/lib/action-result";
import { fieldClass, labelClass, errorClass } from "@/components/ui/classes";
import { Textarea } from "@/components/ui/input";
import { nextPendingRow } from "./next-row";

/** The rows ticked for the form: its « ids » checkboxes, which live in the list (form="{id}"). */
const ticked = (form: HTMLFormElement | null) =>
  form ? [...form.elements].filter((e): e is HTMLInputElement => e instanceof HTMLInputElement && e.name === "ids" && e.checked) : [];

/**
 * A batch form of a staff queue (the items' checkboxes live in the list, form="{id}"): it counts what is ticked
 * (the bar shows only then), sends what `read` takes from the form, says a success by a toast (the refreshed list may
 * no longer show the form) and moves the focus to the next pending row, keeps an error in the form, and puts the
 * reason's error under the reason field.
 */
export function useBatchForm<I>(
  read: (data: FormData, submitter: HTMLButtonElement | null) => I,
  send: (input: I) => Promise<ActionResult<{ message: string }>>,
  listError: string,
) {
  const done = useActionDone();
  const reasonId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [pending, startTransition] = useTransition();
  // The checkboxes are not inside the form: their changes are counted from the document.
  useEffect(() => {
    const recount = () => setSelected(ticked(formRef.current).length);
    document.addEventListener("change", recount);
    return () => document.removeEventListener("change", recount);
  }, []);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = read(new FormData(event.currentTarget), (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null);
    const form = event.currentTarget;
    setError(null);
    setReasonError(null);
    startTransition(async () => {
      // Read before the refreshed list drops the decided rows.
      const next = nextPendingRow(
        form.elements,
        ticked(form).map((b) => b.value),
      );
      const result = await send(input);
      if (result.ok) {
        formRef.current?.reset();
        for (const box of ticked(formRef.current)) box.checked = false;
        setSelected(0);
        done(result.data.message, [...next, "file-attente", "titre-page"]);
      } else {
        setError(result.fieldErrors?.[listError] ?? result.error);
        setReasonError(result.fieldErrors?.reason ?? null);
      }
    });
  };
  const clear = () => {
    for (const box of ticked(formRef.current)) box.checked = false;
    setSelected(0);
    setError(null);
  };
  const alert = <FormAlert message={error ?? undefined} tone="error" />;
  const reasonField = (label: string) => (
    <div className={fieldClass}>
      <label htmlFor={reasonId} className={labelClass}>
        {label}
      </label>
      <Textarea
        id={reasonId}
        name="reason"
        rows={2}
        maxLength={500}
        aria-invalid={Boolean(reasonError)}
        aria-describedby={reasonError ? `${reasonId}-erreur` : undefined}
      />
      {reasonError ? (
        <p id={`${reasonId}-erreur`} className={errorClass}>
          {reasonError}
        </p>
      ) : null}
    </div>
  );
  return { formRef, onSubmit, pending, alert, reasonField, selected, clear, reasonId };
}

/**
 * The batch form's bar, fixed at the bottom of the window while rows are ticked (hidden otherwise: nothing to do in
 * batch). The page keeps room under it, and a row reached by Tab is never hidden behind it (scroll-padding).
 */
export function BatchBar({ shown, children }: { shown: boolean; children: ReactNode }) {
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!shown || !bar.current) return;
    const root = document.documentElement;
    const resize = () => {
      const height = `${bar.current?.offsetHeight ?? 0}px`;
      document.body.style.paddingBottom = height;
      root.style.scrollPaddingBottom = height;
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(bar.current);
    return () => {
      observer.disconnect();
      document.body.style.paddingBottom = "";
      root.style.scrollPaddingBottom = "";
    };
  }, [shown]);
  return (
    <div
      ref={bar}
      hidden={!shown}
      className="fixed inset-x-0 bottom-0 z-30 max-h-[60vh] overflow-y-auto border-t-2 border-brand bg-white px-4 py-3 shadow-[0_-4px_12px_rgba(0,0,0,0.15)]"
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-2">{children}</div>
    </div>
  );
}
