import type { FieldErrors, Path, UseFormReturn } from "react-hook-form";
import { Field, inputClass } from "@/components/ui/field";
import type { ChildData, ChildFormInput } from "@/lib/families/schemas";
import { errorAt } from "./child-form-errors";

export type ChildForm = UseFormReturn<ChildFormInput, unknown, ChildData>;
/** What every step of the wizard receives: the one form across the steps, and its errors. */
export interface ChildStepProps {
  form: ChildForm;
  errors: FieldErrors<ChildFormInput>;
}

/** A text input of the child form, its id taken from its path (« identity.lastName » → « identity-lastName »). */
export function ChildTextField({
  form,
  errors,
  name,
  label,
  type,
  required,
  hint,
  autoComplete,
}: ChildStepProps & {
  name: Path<ChildFormInput>;
  label: string;
  type?: string;
  required?: boolean;
  hint?: string;
  autoComplete?: string;
}) {
  return (
    <Field id={name.replace(/\./g, "-")} label={label} required={required} hint={hint} error={errorAt(errors, name)}>
      {(aria) => (
        <input {...aria} {...form.register(name)} type={type ?? "text"} autoComplete={autoComplete ?? "off"} className={inputClass} />
      )}
    </Field>
  );
}
