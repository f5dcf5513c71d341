"use client";
import { useId, useState, type ReactNode } from "react";
import { buttonVariants } from "./button";

/**
 * A file field: its title, its help, a « Choisir un fichier » button in French (the browser's own speaks the
 * browser's language), the chosen file's name, and its error. The input is named by the title.
 */
export function FileField(props: {
  name: string;
  /** The input's id (an error summary links to it); a generated one otherwise. */
  id?: string;
  title: ReactNode;
  hint: string;
  accept: string;
  /** Said under the field. */
  error?: string | null;
  /** Invalid with the error said elsewhere (the form's alert). */
  invalid?: boolean;
  /** The form was reset: the chosen name is forgotten with it. */
  resetKey?: number;
}) {
  const generatedId = useId();
  const id = props.id ?? generatedId;
  const [chosen, setChosen] = useState<{ name: string; key?: number } | null>(null);
  const fileName = chosen && chosen.key === props.resetKey ? chosen.name : null;
  return (
    <div className="mb-4 flex flex-col gap-1">
      <span className="font-semibold" id={`${id}-titre`}>
        {props.title}
      </span>
      <p id={`${id}-aide`} className="text-sm text-gray-700">
        {props.hint}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <label
          htmlFor={id}
          className={`${buttonVariants({ variant: "secondary" })} cursor-pointer has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-amber-700`}
        >
          Choisir un fichier
          <input
            id={id}
            name={props.name}
            type="file"
            accept={props.accept}
            className="sr-only"
            aria-labelledby={`${id}-titre`}
            aria-describedby={`${id}-aide ${id}-choix${props.error ? ` ${id}-erreur` : ""}`}
            aria-invalid={Boolean(props.error) || Boolean(props.invalid)}
            onChange={(event) => setChosen(event.target.files?.[0] ? { name: event.target.files[0].name, key: props.resetKey } : null)}
          />
        </label>
        <span id={`${id}-choix`} className="text-sm text-gray-800">
          {fileName ?? "Aucun fichier choisi"}
        </span>
      </div>
      {props.error ? (
        <p id={`${id}-erreur`} role="alert" className="text-sm font-semibold text-red-800">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
