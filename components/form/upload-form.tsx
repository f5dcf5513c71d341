"use client";
import { useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ErrorSummary, Field, FormAlert, inputClass } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FileField } from "@/components/ui/file-field";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { MAX_UPLOAD_BYTES, tooBigMessage } from "@/lib/files/limits";
import { callAction } from "./call-action";
import { summaryErrors } from "./summary-errors";
import { focusAfterChange } from "@/components/ui/focus";

export interface UploadField {
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  /** A select (its options), else a text field. */
  options?: { value: string; label: string }[];
  /** Several lines (a message). */
  textarea?: boolean;
  defaultValue?: string;
}

/**
 * A form with one file (PDF, JPEG or PNG, 10 Mo at most) and a few fields, sent as FormData to a server action
 * that checks everything again from the content. The file's size is checked here first, so that an 11 Mo file
 * is never sent for nothing. Success is a toast (the refreshed page may no longer show the form).
 */
export function UploadForm(props: {
  idPrefix: string;
  fields: UploadField[];
  hidden?: Record<string, string>;
  fileLabel?: string;
  /** A message's attachment is optional. */
  fileOptional?: boolean;
  /** The file's help (a parent's form says a clear photo will do). */
  fileHint?: string;
  /** Where to go once sent, instead of reading the page again (a template's link prefilled the form). */
  successHref?: string;
  submitLabel: string;
  /** The action may name where the focus goes once sent (the message just written): else the form's first field. */
  action: (form: FormData) => Promise<ActionResult<{ message: string; focusId?: string }>>;
}) {
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(0);
  const [pending, startTransition] = useTransition();
  const fieldId = (name: string) => `${props.idPrefix}-${name}`;
  const summary = summaryErrors(fieldErrors, [...props.fields.map((f) => f.name), "file"], fieldId);
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        for (const [name, value] of Object.entries(props.hidden ?? {})) data.set(name, value);
        setError(null);
        setFieldErrors({});
        // Required fields are checked here first, so that every missing one is listed at once (the server says the same).
        const missing = Object.fromEntries(
          props.fields
            .filter((f) => f.required && !String(data.get(f.name) ?? "").trim())
            .map((f) => [f.name, `${f.label} : champ obligatoire.`]),
        );
        const file = data.get("file");
        // No file chosen: the browser still sends an empty, unnamed one (which arrives named « undefined »). Left out,
        // so that the server can tell « no attachment » from a chosen file that is empty (refused).
        if (file instanceof File && file.size === 0 && file.name === "") data.delete("file");
        const fileError =
          !props.fileOptional && (!(file instanceof File) || file.size === 0)
            ? "Fichier : choisissez un fichier (il est vide ou manquant)."
            : file instanceof File && file.size > MAX_UPLOAD_BYTES
              ? tooBigMessage("Fichier", file.size)
              : null;
        if (fileError || Object.keys(missing).length) {
          setFieldErrors({ ...missing, ...(fileError ? { file: fileError } : {}) });
          setError("Le formulaire contient des erreurs : corrigez les champs signalés.");
          return;
        }
        startTransition(async () => {
          const result = await callAction(() => props.action(data));
          if (result.ok) {
            toast(result.data.message);
            formRef.current?.reset();
            setSent((n) => n + 1);
            if (props.successHref) router.replace(props.successHref);
            else router.refresh();
            // Never left on <body> (the submit button was disabled while sending): on the result, once shown.
            focusAfterChange(result.data.focusId ?? `${props.idPrefix}-${props.fields[0]?.name ?? "file"}`);
          } else {
            setError(result.error);
            setFieldErrors(result.fieldErrors ?? {});
          }
        });
      }}
    >
      {/* Each error as a link to its field (as the child wizard); the form's own message when no field is at fault. */}
      {summary.length ? <ErrorSummary errors={summary} /> : <FormAlert message={error} />}
      {props.fields.map((field) => (
        <Field
          key={field.name}
          id={fieldId(field.name)}
          label={field.label}
          required={field.required}
          hint={field.hint}
          error={fieldErrors[field.name]}
        >
          {(aria) =>
            field.options ? (
              <select {...aria} name={field.name} defaultValue={field.defaultValue} className={inputClass}>
                {field.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : field.textarea ? (
              <textarea {...aria} name={field.name} defaultValue={field.defaultValue} rows={6} className={inputClass} />
            ) : (
              <input {...aria} name={field.name} defaultValue={field.defaultValue} className={inputClass} autoComplete="off" />
            )
          }
        </Field>
      ))}
      <FileField
        name="file"
        id={fieldId("file")}
        resetKey={sent}
        accept="application/pdf,image/jpeg,image/png"
        error={fieldErrors.file}
        title={
          <>
            {props.fileLabel ?? "Fichier"}
            {props.fileOptional ? (
              " (facultatif)"
            ) : (
              <span aria-hidden="true" className="text-red-800">
                {" "}
                *
              </span>
            )}
          </>
        }
        hint={props.fileHint ?? "PDF, JPEG ou PNG, 10 Mo au maximum."}
      />
      <Button type="submit" pending={pending} pendingLabel="Envoi en cours…">
        {props.submitLabel}
      </Button>
    </form>
  );
}
