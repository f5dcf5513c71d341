import type { FieldErrors } from "react-hook-form";
import type { SummaryError } from "@/components/ui/field";
import type { ChildFormInput } from "@/lib/families/schemas";

/** Every message of one step, with the id of its field, for the error summary. */
export function stepErrors(errors: FieldErrors<ChildFormInput>, key: string): SummaryError[] {
  const out: SummaryError[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== "object") return;
    const message = (node as { message?: unknown }).message;
    if (typeof message === "string") {
      out.push({ fieldId: path.join("-"), message });
      return;
    }
    for (const [k, v] of Object.entries(node)) if (k !== "ref" && k !== "type") walk(v, [...path, k]);
  };
  walk((errors as Record<string, unknown>)[key], [key]);
  return out;
}

/** The message of one field, by its dotted path (« identity.birthDate »). */
export function errorAt(errors: FieldErrors<ChildFormInput>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}
