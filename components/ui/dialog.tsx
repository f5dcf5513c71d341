"use client";
import { lazy, Suspense, useId, useRef, useState, useTransition, type ComponentType, type ReactNode } from "react";
import { Slot } from "@radix-ui/react-slot";
import { Button, type ButtonVariants } from "./button";
import { Alert, inputClass } from "./field";
import type { ActionResult } from "@/lib/action-result";
import { useActionDone } from "./use-action-done";
import type { PanelProps } from "./dialog-panels";

/*
 * The dialogs' triggers and state live here, in the page's bundle; Radix Dialog and AlertDialog (≈ 10 kB gzip, with
 * the parts they share) are in `dialog-panels.tsx`, downloaded when a dialog first opens, or as soon as the pointer or
 * the focus reaches its trigger. A closed dialog is not in the page either way (Radix renders nothing for it).
 */
let panels: Promise<typeof import("./dialog-panels")> | null = null;
function loadPanels() {
  panels ??= import("./dialog-panels").catch((error: unknown) => {
    panels = null; // a failed preload (pointer, focus) does not stand for the opening, which tries again
    throw error;
  });
  return panels;
}
const preload = () => void loadPanels().catch(() => {});

/** Should the download fail on opening, the dialog says so (reload the page to retry) instead of taking the page down. */
function lazyPanel<P extends PanelProps>(pick: (m: typeof import("./dialog-panels")) => ComponentType<P>) {
  return lazy(() =>
    loadPanels().then(
      (m) => ({ default: pick(m) }),
      () => ({ default: PanelFailed as ComponentType<P> }),
    ),
  );
}

function PanelFailed({ onOpenChange }: PanelProps) {
  return (
    <div
      role="alertdialog"
      aria-modal="true"
      aria-label="Erreur"
      className="fixed inset-x-4 top-4 z-50 mx-auto max-w-lg rounded-lg bg-white p-5 shadow-xl"
    >
      <Alert tone="error" focus>
        La fenêtre n&apos;a pas pu s&apos;ouvrir : la connexion semble interrompue. Rechargez la page et réessayez.
      </Alert>
      <Button variant="secondary" onClick={() => onOpenChange(false)}>
        Fermer
      </Button>
    </div>
  );
}

const ModalPanel = lazyPanel((m) => m.ModalPanel);
const AlertPanel = lazyPanel((m) => m.AlertPanel);

/** What Radix's `Trigger` puts on the button that opens a dialog. */
function triggerProps(open: boolean) {
  return {
    "aria-haspopup": "dialog" as const,
    "aria-expanded": open,
    "data-state": open ? "open" : "closed",
    onPointerEnter: preload,
    onFocus: preload,
  };
}

/** A modal dialog (Radix: focus trapped inside, Échap closes, focus returns to the trigger). */
export function Dialog({
  trigger,
  title,
  description,
  children,
  open,
  onOpenChange,
}: {
  trigger?: ReactNode;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const isOpen = open ?? ownOpen;
  const triggerRef = useRef<HTMLElement>(null);
  const change = (next: boolean) => {
    if (open === undefined) setOwnOpen(next);
    onOpenChange?.(next);
  };
  return (
    <>
      {trigger ? (
        <Slot ref={triggerRef} {...triggerProps(isOpen)} onClick={() => change(true)}>
          {trigger}
        </Slot>
      ) : null}
      {isOpen ? (
        <Suspense fallback={null}>
          <ModalPanel onOpenChange={change} title={title} description={description} returnFocus={trigger ? triggerRef : undefined}>
            {children}
          </ModalPanel>
        </Suspense>
      ) : null}
    </>
  );
}

/**
 * « Êtes-vous sûr ? » before a destructive or irreversible action (refuse,
 * delete, cancel). With `reasonLabel` it asks the reason too (required by the
 * server). The action's French error stays in the dialog. On success the
 * dialog closes and, with `done`, what follows every confirmed action happens
 * here: its message as a toast, the page read again, and the focus moved to
 * `focusAfter` (the trigger may be gone with the item it acted on).
 */
export function ConfirmDialog<T>(props: {
  /** The button that opens the dialog. */
  triggerLabel: string;
  triggerAriaLabel?: string;
  triggerVariant?: ButtonVariants["variant"];
  triggerSize?: ButtonVariants["size"];
  title: string;
  description: ReactNode;
  confirmLabel: string;
  confirmVariant?: "primary" | "danger";
  reasonLabel?: string;
  reasonHint?: string;
  action: (input: { reason?: string }) => Promise<ActionResult<T>>;
  /** The toast once done (« Suppression faite : … »), or read from the action's answer (its `message`). */
  done?: string | ((data: T) => string);
  /** Where the focus goes once done: the first of these ids that exists (the page's title by default); a function is read when the action is sent (the refreshed page may have dropped the item by the time it is done). */
  focusAfter?: readonly string[] | (() => readonly string[]);
}) {
  const actionDone = useActionDone();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reasonId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const change = (next: boolean) => {
    setOpen(next);
    if (next) {
      setError(null);
      setReasonError(null);
    }
  };
  return (
    <>
      <Button
        ref={triggerRef}
        variant={props.triggerVariant ?? "secondary"}
        size={props.triggerSize}
        aria-label={props.triggerAriaLabel}
        {...triggerProps(open)}
        onClick={() => change(true)}
      >
        {props.triggerLabel}
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <AlertPanel
            onOpenChange={change}
            title={props.title}
            description={props.description}
            returnFocus={triggerRef}
            cancelDisabled={pending}
            confirm={
              <Button type="submit" variant={props.confirmVariant ?? "danger"} pending={pending}>
                {props.confirmLabel}
              </Button>
            }
            onSubmit={(event) => {
              event.preventDefault();
              setError(null);
              setReasonError(null);
              // Read now: the action's answer carries the refreshed page, which may no longer hold what it names.
              const focusTargets = (typeof props.focusAfter === "function" ? props.focusAfter() : props.focusAfter) ?? ["titre-page"];
              startTransition(async () => {
                const result = await props.action(props.reasonLabel ? { reason } : {});
                if (result.ok) {
                  setOpen(false);
                  setReason("");
                  if (props.done !== undefined) {
                    actionDone(typeof props.done === "string" ? props.done : props.done(result.data), focusTargets);
                  }
                } else {
                  setError(result.fieldErrors?.reason ? null : result.error);
                  setReasonError(result.fieldErrors?.reason ?? null);
                }
              });
            }}
          >
            {error ? (
              <Alert tone="error" focus>
                {error}
              </Alert>
            ) : null}
            {props.reasonLabel ? (
              <div className="mb-4 flex flex-col gap-1">
                <label htmlFor={reasonId} className="font-semibold">
                  {props.reasonLabel}
                  <span aria-hidden="true" className="text-red-800">
                    {" "}
                    *
                  </span>
                </label>
                {props.reasonHint ? (
                  <p id={`${reasonId}-aide`} className="text-sm text-gray-700">
                    {props.reasonHint}
                  </p>
                ) : null}
                <textarea
                  id={reasonId}
                  className={inputClass}
                  rows={3}
                  maxLength={500}
                  value={reason}
                  required
                  aria-invalid={Boolean(reasonError)}
                  aria-describedby={
                    [props.reasonHint ? `${reasonId}-aide` : "", reasonError ? `${reasonId}-erreur` : ""].join(" ").trim() || undefined
                  }
                  onChange={(event) => setReason(event.target.value)}
                />
                {reasonError ? (
                  <p id={`${reasonId}-erreur`} role="alert" className="text-sm font-semibold text-red-800">
                    {reasonError}
                  </p>
                ) : null}
              </div>
            ) : null}
          </AlertPanel>
        </Suspense>
      ) : null}
    </>
  );
}

/** The « Êtes-vous sûr ? » step of a form that is already filled in: shown by the form, « Confirmer » sends it. */
export function ConfirmStep(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
}) {
  return props.open ? (
    <Suspense fallback={null}>
      <AlertPanel
        onOpenChange={props.onOpenChange}
        title={props.title}
        description={props.description}
        confirm={
          <Button variant="primary" onClick={props.onConfirm}>
            {props.confirmLabel}
          </Button>
        }
      />
    </Suspense>
  ) : null;
}
