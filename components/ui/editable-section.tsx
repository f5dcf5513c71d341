"use client";
import { useId, useRef, useState, type ReactNode } from "react";
import { Pencil, X } from "lucide-react";
import { Button } from "./button";
import { cn } from "./cn";

/**
 * A block of a record that is read first and edited on demand: the values,
 * and « Modifier » opens the form in place (focus on its first field);
 * « Fermer » brings back the values (focus back on « Modifier »).
 * `formOnDemand`: the form is rendered only while open (its code downloaded then, ADR 046): the focus goes to the
 * panel (its « chargement » placeholder) until the form's first field takes it; `onIntent` starts the download as
 * soon as the pointer or the focus reaches « Modifier ».
 */
export function EditableSection({
  title,
  titleId,
  view,
  form,
  editLabel,
  className,
  formOnDemand = false,
  onIntent,
}: {
  title: string;
  titleId: string;
  view: ReactNode;
  form: ReactNode;
  /** « Modifier l'adresse »… (the button's accessible name). */
  editLabel?: string;
  className?: string;
  formOnDemand?: boolean;
  onIntent?: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  return (
    <section className={cn("rounded-lg border border-gray-300 bg-white p-4 shadow-sm", className)} aria-labelledby={titleId}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <h2 id={titleId} className="text-lg font-bold">
          {title}
        </h2>
        <Button
          ref={toggle}
          variant={editing ? "quiet" : "secondary"}
          size="sm"
          aria-expanded={editing}
          aria-controls={panelId}
          onPointerEnter={onIntent}
          onFocus={onIntent}
          aria-label={editing ? `Fermer : ${title}` : (editLabel ?? `Modifier : ${title}`)}
          onClick={() => {
            const next = !editing;
            setEditing(next);
            window.setTimeout(() => {
              if (next) (panel.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea") ?? panel.current)?.focus();
              else toggle.current?.focus();
            }, 0);
          }}
        >
          {editing ? (
            <>
              <X aria-hidden="true" className="size-4" /> Fermer
            </>
          ) : (
            <>
              <Pencil aria-hidden="true" className="size-4" /> Modifier
            </>
          )}
        </Button>
      </div>
      <div hidden={editing}>{view}</div>
      <div id={panelId} ref={panel} hidden={!editing} tabIndex={-1}>
        {editing || !formOnDemand ? form : null}
      </div>
    </section>
  );
}

/** A list of label → value, the read side of a record. */
export function Details({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold text-gray-800">{term}</dt>
          <dd className="mb-1 break-words sm:mb-0">{value === "" || value === null || value === undefined ? "—" : value}</dd>
        </div>
      ))}
    </dl>
  );
}
