import type React from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/classes";

/** A labelled select of a GET filter form (a server component): `any` adds a first « all » choice. */
export function FilterSelect({
  id,
  name,
  label,
  choices,
  value,
  any,
  wide,
}: {
  id: string;
  name: string;
  label: string;
  choices: { id: string; name: string }[];
  value?: string;
  any?: string;
  /** Long names (activities): as wide as the form allows, never wider. */
  wide?: boolean;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${wide ? "max-w-full" : "max-w-xs"}`}>
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={inputClass}>
        {any ? <option value="">{any}</option> : null}
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The card of a page's GET filters: the fields, then one submit button. */
export function FilterForm({
  label,
  submitLabel = "Afficher",
  children,
  footer,
}: {
  label: string;
  submitLabel?: string;
  children: React.ReactNode;
  footer?: React.ReactNode;
}) {
  return (
    <Card className="print:hidden mb-4">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label={label}>
        {children}
        <Button type="submit">{submitLabel}</Button>
        {footer}
      </form>
    </Card>
  );
}

/** A day typed jj/mm/aaaa in a GET filter form; `describedBy` names the sentence that gives the format. */
export function FilterDay({
  id,
  name,
  label,
  value,
  describedBy,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  describedBy: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        maxLength={10}
        placeholder="jj/mm/aaaa"
        defaultValue={value ?? ""}
        aria-describedby={describedBy}
        className={`${inputClass} max-w-36`}
      />
    </div>
  );
}
