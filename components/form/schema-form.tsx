"use client";
import { useForm, type FieldValues } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { Field, FormAlert, SubmitButton } from "@/components/form/field";
import { useRefreshingForm } from "@/components/form/use-server-form";
import { RadioGroup } from "@/components/form/choice";
import { addressSchema, adultSchema, phonesSchema, preferencesSchema, quotientSchema } from "@/lib/families/schemas";
import {
  activitySchema,
  ageGroupSchema,
  calendarExceptionSchema,
  capacityOverrideSchema,
  periodSchema,
  structureSchema,
  timeUnitSchema,
} from "@/lib/activities/schemas";
import type { ActionResult } from "@/lib/action-result";

/** The forms this component can render; a schema cannot travel from a server component as a prop. */
const SCHEMAS = {
  address: addressSchema,
  phones: phonesSchema,
  quotient: quotientSchema,
  preferences: preferencesSchema,
  adult: adultSchema,
  activity: activitySchema,
  period: periodSchema,
  ageGroup: ageGroupSchema,
  timeUnit: timeUnitSchema,
  capacityOverride: capacityOverrideSchema,
  structure: structureSchema,
  calendarException: calendarExceptionSchema,
} as const;

export type SchemaName = keyof typeof SCHEMAS;

export interface FieldSpec {
  name: string;
  label: string;
  type?: "text" | "tel" | "email" | "date" | "time" | "datetime-local" | "radio" | "select" | "checkboxes" | "textarea";
  required?: boolean;
  hint?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "tel" | "email";
  options?: { value: string; label: string }[];
}

/**
 * A small form (one card) validated by one of the shared zod schemas, sent to
 * a server action. Extra fixed values (an adult's id…) travel in `hidden`.
 */
export function SchemaForm(props: {
  schema: SchemaName;
  fields: FieldSpec[];
  defaultValues: Record<string, string | string[]>;
  hidden?: Record<string, string>;
  submitLabel: string;
  /** Empty the form after a success (forms that add an item to a list). */
  resetOnSuccess?: boolean;
  action: (input: Record<string, unknown>) => Promise<ActionResult<{ message: string }>>;
  idPrefix: string;
}) {
  const schema = SCHEMAS[props.schema] as unknown as z.ZodType<FieldValues, FieldValues>;
  // Fixed values (an activity's id…) are part of what the schema checks, on the client too.
  const initial = { ...props.defaultValues, ...props.hidden };
  const form = useForm<FieldValues>({ resolver: zodResolver(schema), defaultValues: initial });
  const { submit, formError, success, pending } = useRefreshingForm(form, props.action, () => {
    if (props.resetOnSuccess) form.reset(initial);
  });
  const { errors } = form.formState;

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert message={formError} />
      <FormAlert message={success} tone="success" />
      {props.fields.map((spec) => {
        const id = `${props.idPrefix}-${spec.name}`;
        const error = errors[spec.name]?.message as string | undefined;
        if (spec.type === "checkboxes") {
          return (
            <fieldset key={spec.name} className="field" id={id} aria-describedby={error ? `${id}-erreur` : undefined}>
              <legend className="field-label">{spec.label}{spec.required ? <span aria-hidden="true" className="text-red-800"> *</span> : null}</legend>
              {spec.hint ? <p className="field-hint">{spec.hint}</p> : null}
              <div className="flex flex-wrap gap-x-4">
                {(spec.options ?? []).map((option) => (
                  <label key={option.value} className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" value={option.value} {...form.register(spec.name)} /> {option.label}
                  </label>
                ))}
              </div>
              {error ? <p id={`${id}-erreur`} className="field-error">{error}</p> : null}
            </fieldset>
          );
        }
        if (spec.type === "select") {
          return (
            <Field key={spec.name} id={id} label={spec.label} required={spec.required} hint={spec.hint} error={error}>
              {(aria) => (
                <select {...aria} {...form.register(spec.name)} className="input">
                  {(spec.options ?? []).map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
                </select>
              )}
            </Field>
          );
        }
        if (spec.type === "textarea") {
          return (
            <Field key={spec.name} id={id} label={spec.label} required={spec.required} hint={spec.hint} error={error}>
              {(aria) => <textarea {...aria} {...form.register(spec.name)} rows={3} className="input" />}
            </Field>
          );
        }
        if (spec.type === "radio") {
          return (
            <RadioGroup key={spec.name} id={id} legend={spec.label} required={spec.required} hint={spec.hint}
              options={spec.options ?? []} registration={form.register(spec.name)} error={error} />
          );
        }
        return (
          <Field key={spec.name} id={id} label={spec.label} required={spec.required} hint={spec.hint} error={error}>
            {(aria) => (
              <input {...aria} {...form.register(spec.name)} type={spec.type ?? "text"} autoComplete={spec.autoComplete ?? "off"}
                inputMode={spec.inputMode} className="input" />
            )}
          </Field>
        );
      })}
      <SubmitButton pending={pending}>{props.submitLabel}</SubmitButton>
    </form>
  );
}
