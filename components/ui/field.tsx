"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { AlertCircle, CheckCircle2, Info } from "lucide-react";
import { Button } from "./button";
import { cn } from "./cn";

import { inputClass } from "./classes";

export { inputClass };

export interface ControlAria {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
  "aria-required"?: boolean;
}

function describedBy(...ids: (string | undefined | false)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

/** The asterisk is for the eye; screen readers hear `aria-required` on the control. */
function Required() {
  return (
    <span aria-hidden="true" className="text-red-800">
      {" "}
      *
    </span>
  );
}

/** Label, hint and error wired to the control (`aria-invalid`, `aria-describedby`) for screen readers. */
export function Field(props: {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (aria: ControlAria) => ReactNode;
}) {
  const hintId = props.hint ? `${props.id}-aide` : undefined;
  const errorId = props.error ? `${props.id}-erreur` : undefined;
  return (
    <div className={cn("mb-4 flex flex-col gap-1", props.className)}>
      <label htmlFor={props.id} className="font-semibold text-gray-900">
        {props.label}
        {props.required ? <Required /> : null}
      </label>
      {props.hint ? (
        <p id={hintId} className="text-sm text-gray-700">
          {props.hint}
        </p>
      ) : null}
      {props.children({
        id: props.id,
        "aria-invalid": Boolean(props.error),
        "aria-describedby": describedBy(hintId, errorId),
        "aria-required": props.required || undefined,
      })}
      {props.error ? <FieldError id={errorId!}>{props.error}</FieldError> : null}
    </div>
  );
}

function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="flex items-start gap-1 text-sm font-semibold text-red-800">
      <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>{children}</span>
    </p>
  );
}

/**
 * A date typed the French way (jj/mm/aaaa), whatever the browser's language:
 * a text field, never `type="date"` (whose format follows the browser). The
 * server's schema (`dateField`) reads it and says what is wrong in French.
 */
export function DateField(props: {
  id: string;
  label: string;
  registration: UseFormRegisterReturn;
  required?: boolean;
  hint?: string;
  error?: string;
  autoComplete?: string;
  withTime?: boolean;
  /** A plausible value for this field (a birth date is not in the coming weeks). */
  example?: string;
  /** Also rendered by the server, so the field shows its value before the page's script runs. */
  defaultValue?: string;
}) {
  const example = `${props.withTime ? "jj/mm/aaaa hh:mm" : "jj/mm/aaaa"}, par exemple ${props.example ?? (props.withTime ? "06/05/2026 08:30" : "06/05/2026")}`;
  return (
    <Field
      id={props.id}
      label={props.label}
      required={props.required}
      error={props.error}
      hint={
        <>
          {props.hint ? <>{props.hint} </> : null}Format : {example}.
        </>
      }
    >
      {(aria) => (
        <input
          {...aria}
          {...props.registration}
          defaultValue={props.defaultValue}
          type="text"
          inputMode={props.withTime ? "text" : "numeric"}
          autoComplete={props.autoComplete ?? "off"}
          maxLength={props.withTime ? 16 : 10}
          className={cn(inputClass, props.withTime ? "max-w-56" : "max-w-40")}
        />
      )}
    </Field>
  );
}

interface ChoiceGroupProps {
  id: string;
  legend: string;
  required?: boolean;
  options: { value: string; label: string; hint?: string }[];
  registration: UseFormRegisterReturn;
  error?: string;
  hint?: ReactNode;
  inline?: boolean;
  /** The checked value(s), also rendered by the server. */
  defaultValue?: string | string[];
}

/** A group of radio buttons with its legend, hint and error; each radio is marked invalid too. */
export function RadioGroup(props: ChoiceGroupProps) {
  return <ChoiceGroup {...props} type="radio" />;
}

/** Several checkboxes under one legend (weekdays, units…). */
export function CheckboxGroup(props: ChoiceGroupProps) {
  return <ChoiceGroup {...props} type="checkbox" />;
}

function ChoiceGroup(props: ChoiceGroupProps & { type: "radio" | "checkbox" }) {
  const errorId = props.error ? `${props.id}-erreur` : undefined;
  const hintId = props.hint ? `${props.id}-aide` : undefined;
  const inline = props.inline ?? true;
  return (
    <fieldset className="mb-4 flex flex-col gap-1" aria-describedby={describedBy(hintId, errorId)} id={props.id} tabIndex={-1}>
      <legend className="mb-1 font-semibold text-gray-900">
        {props.legend}
        {props.required ? <Required /> : null}
      </legend>
      {props.hint ? (
        <p id={hintId} className="text-sm text-gray-700">
          {props.hint}
        </p>
      ) : null}
      <div className={inline ? "flex flex-wrap gap-x-6" : "flex flex-col"}>
        {props.options.map((option) => (
          <label key={option.value} className="flex min-h-11 items-start gap-2 py-2">
            <input
              type={props.type}
              value={option.value}
              className="mt-0.5 size-5 shrink-0 accent-brand"
              defaultChecked={
                Array.isArray(props.defaultValue) ? props.defaultValue.includes(option.value) : props.defaultValue === option.value
              }
              aria-invalid={Boolean(props.error) || undefined}
              {...props.registration}
            />
            <span>
              {option.label}
              {option.hint ? <span className="block text-sm text-gray-700">{option.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      {props.error ? <FieldError id={errorId!}>{props.error}</FieldError> : null}
    </fieldset>
  );
}

export const YES_NO = [
  { value: "oui", label: "Oui" },
  { value: "non", label: "Non" },
];

export interface SummaryError {
  /** The id of the field (or fieldset) the message is about. */
  fieldId: string;
  message: string;
}

/**
 * « Le formulaire contient N erreurs » with a link to each field; it takes
 * the focus each time it appears or changes, so a keyboard or screen-reader
 * user lands on it after sending (GOV.UK / DSFR pattern).
 */
export function ErrorSummary({ errors, title }: { errors: SummaryError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Its own id: a page with several forms (Mes envois) may show two summaries.
  const headingId = useId();
  const signature = errors.map((e) => `${e.fieldId}:${e.message}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (errors.length === 0) return null;
  const heading = title ?? (errors.length === 1 ? "Le formulaire contient une erreur" : `Le formulaire contient ${errors.length} erreurs`);
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      aria-labelledby={headingId}
      className="mb-4 rounded-md border-2 border-red-700 bg-red-50 p-3 text-red-950"
    >
      <h2 id={headingId} className="flex items-center gap-2 font-bold">
        <AlertCircle aria-hidden="true" className="size-5" /> {heading}
      </h2>
      <ul className="mt-1 list-disc pl-6">
        {errors.map((error) => (
          <li key={`${error.fieldId}-${error.message}`}>
            <a
              href={`#${error.fieldId}`}
              className="font-semibold underline"
              onClick={(event) => {
                const target = document.getElementById(error.fieldId);
                if (!target) return;
                event.preventDefault();
                const control = target.matches("input, select, textarea")
                  ? target
                  : target.querySelector<HTMLElement>("input, select, textarea");
                (control ?? target).focus();
                target.scrollIntoView({ block: "center" });
              }}
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

const ALERT_TONES = {
  error: { className: "border-red-700 bg-red-50 text-red-950", Icon: AlertCircle },
  success: { className: "border-green-700 bg-green-50 text-green-950", Icon: CheckCircle2 },
  info: { className: "border-brand bg-brand-soft text-brand-dark", Icon: Info },
} as const;

/** A message in the page (not in the URL): an error is an alert, a success or an information a status. */
export function Alert({
  tone = "info",
  children,
  className,
  focus = false,
  live = true,
}: {
  tone?: keyof typeof ALERT_TONES;
  children: ReactNode;
  className?: string;
  /** Take the focus when shown (the result of an action). */
  focus?: boolean;
  /** Announced as it appears (role status / alert); false for a notice that is part of the page as loaded. */
  live?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, children]);
  const { className: toneClass, Icon } = ALERT_TONES[tone];
  return (
    <div
      ref={ref}
      role={live ? (tone === "error" ? "alert" : "status") : undefined}
      tabIndex={-1}
      className={cn("mb-4 flex items-start gap-2 rounded-md border p-3", toneClass, className)}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
      <div>{children}</div>
    </div>
  );
}

/** The message of a form's last send; focus goes to it. */
export function FormAlert({ message, tone = "error" }: { message?: string | null; tone?: "error" | "success" | "info" }) {
  if (!message) return null;
  return (
    <Alert tone={tone} focus>
      {message}
    </Alert>
  );
}

export function SubmitButton({ children, pending, variant }: { children: ReactNode; pending: boolean; variant?: "primary" | "danger" }) {
  return (
    <Button type="submit" variant={variant} pending={pending} pendingLabel="Envoi en cours…">
      {children}
    </Button>
  );
}
