import type { ReactNode } from "react";

/** Label, hint and error wired to the control for screen readers. */
export function Field(props: {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  children: (aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string; "aria-required"?: boolean }) => ReactNode;
}) {
  const hintId = props.hint ? `${props.id}-aide` : undefined;
  const errorId = props.error ? `${props.id}-erreur` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={props.id} className="field-label">
        {props.label}
        {props.required ? <span aria-hidden="true" className="text-red-800"> *</span> : null}
      </label>
      {props.hint ? (
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      ) : null}
      {props.children({
        id: props.id,
        "aria-invalid": Boolean(props.error),
        "aria-describedby": describedBy,
        "aria-required": props.required || undefined,
      })}
      {props.error ? (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function FormAlert({ message, tone = "error" }: { message?: string | null; tone?: "error" | "success" | "info" }) {
  if (!message) return null;
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`alert alert-${tone}`} tabIndex={-1}>
      {message}
    </div>
  );
}

export function SubmitButton({ children, pending }: { children: ReactNode; pending: boolean }) {
  return (
    <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
      {pending ? "Envoi en cours…" : children}
    </button>
  );
}
