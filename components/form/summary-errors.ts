import type { SummaryError } from "@/components/ui/field";

/**
 * The messages of a one-level form (react-hook-form's `errors`, or a server's field errors), in the order of its
 * fields, each with the id of its field: what ErrorSummary lists as links (as the child wizard's stepErrors does).
 */
export function summaryErrors(
  errors: Partial<Record<string, { message?: unknown } | string | undefined>>,
  names: readonly string[],
  idOf: (name: string) => string = (name) => name,
): SummaryError[] {
  return names.flatMap((name) => {
    const error = errors[name];
    const message = typeof error === "string" ? error : error?.message;
    return typeof message === "string" && message ? [{ fieldId: idOf(name), message }] : [];
  });
}
