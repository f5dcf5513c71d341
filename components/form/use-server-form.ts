"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";

/**
 * Sends a react-hook-form form to a server action and puts the server's field
 * errors back next to their fields (the server re-validates everything).
 */
export function useServerForm<V extends FieldValues, T, O = V>(
  form: UseFormReturn<V, unknown, O>,
  action: (values: V) => Promise<ActionResult<T>>,
  onSuccess: (data: T) => void,
  onStart?: () => void,
) {
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = form.handleSubmit(
    () => {
      setFormError(null);
      onStart?.();
      startTransition(async () => {
        // The raw values, not the schema's output: the server parses them with the same schema.
        const result = await action(form.getValues());
        if (result.ok) {
          onSuccess(result.data);
          return;
        }
        setFormError(result.error);
        for (const [name, message] of Object.entries(result.fieldErrors ?? {})) {
          form.setError(name as Path<V>, { type: "server", message }, { shouldFocus: false });
        }
      });
    },
    () => {
      // A confirmation left from the previous send would read as if this one had worked.
      onStart?.();
      setFormError("Le formulaire contient des erreurs : corrigez les champs signalés.");
    },
  );
  return { submit, formError, pending };
}

/**
 * For forms that stay on the page: shows the server's confirmation and
 * refreshes the server components around the form.
 */
export function useRefreshingForm<V extends FieldValues, O = V>(
  form: UseFormReturn<V, unknown, O>,
  action: (values: V) => Promise<ActionResult<{ message: string }>>,
  onSuccess?: () => void,
) {
  const router = useRouter();
  const [success, setSuccess] = useState<string | null>(null);
  const { submit, formError, pending } = useServerForm(
    form,
    action,
    (data) => {
      setSuccess(data.message);
      onSuccess?.();
      router.refresh();
    },
    () => setSuccess(null),
  );
  return { submit, formError, success, pending };
}
