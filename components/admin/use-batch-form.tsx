"use client";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { FormAlert } from "@/components/ui/field";
import { useActionDone } from "@/components/ui/use-action-done";
import type { ActionResult } from "@/lib/action-result";
import { fieldClass, labelClass, errorClass } from "@/components/ui/classes";
import { Textarea } from "@/components/ui/input";

/**
 * A batch form of a staff queue (the items' checkboxes live in the list, form="{id}"): it sends what
 * `read` takes from the form, says a success by a toast (the refreshed list may no longer show the
 * form), keeps an error in the form, and puts the reason's error under the reason field.
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
  const [pending, startTransition] = useTransition();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = read(new FormData(event.currentTarget), (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null);
    setError(null);
    setReasonError(null);
    startTransition(async () => {
      const result = await send(input);
      if (result.ok) {
        formRef.current?.reset();
        done(result.data.message);
      } else {
        setError(result.fieldErrors?.[listError] ?? result.error);
        setReasonError(result.fieldErrors?.reason ?? null);
      }
    });
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
  return { formRef, onSubmit, pending, alert, reasonField };
}
