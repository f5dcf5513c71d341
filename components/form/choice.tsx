import type { UseFormRegisterReturn } from "react-hook-form";

/** A group of radio buttons with its legend and its error, for screen readers and keyboards. */
export function RadioGroup(props: {
  id: string;
  legend: string;
  required?: boolean;
  options: { value: string; label: string }[];
  registration: UseFormRegisterReturn;
  error?: string;
  hint?: string;
}) {
  const errorId = `${props.id}-erreur`;
  const hintId = `${props.id}-aide`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className="field" aria-describedby={describedBy} id={props.id}>
      <legend className="field-label">
        {props.legend}
        {props.required ? <span aria-hidden="true" className="text-red-800"> *</span> : null}
      </legend>
      {props.hint ? <p id={hintId} className="field-hint">{props.hint}</p> : null}
      <div className="flex flex-wrap gap-x-6">
        {props.options.map((option) => (
          <label key={option.value} className="flex min-h-11 items-center gap-2">
            <input type="radio" value={option.value} {...props.registration} />
            {option.label}
          </label>
        ))}
      </div>
      {props.error ? <p id={errorId} className="field-error">{props.error}</p> : null}
    </fieldset>
  );
}

export const YES_NO = [
  { value: "oui", label: "Oui" },
  { value: "non", label: "Non" },
];
