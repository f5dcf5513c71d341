"use client";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import * as AlertDialogPrimitive from "@radix-ui/react-alert-dialog";
import { useId, useState, useTransition, type ReactNode } from "react";
import { X } from "lucide-react";
import { Button, type ButtonVariants } from "./button";
import { Alert, inputClass } from "./field";
import type { ActionResult } from "@/lib/action-result";
import { useActionDone } from "./use-action-done";

const overlay = "fixed inset-0 z-40 bg-black/50";
const panel =
  "fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl focus:outline-none";

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
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <DialogPrimitive.Trigger asChild>{trigger}</DialogPrimitive.Trigger> : null}
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={overlay} />
        <DialogPrimitive.Content className={panel} aria-describedby={description ? undefined : undefined}>
          <div className="mb-3 flex items-start justify-between gap-3">
            <DialogPrimitive.Title className="text-xl font-bold text-gray-900">{title}</DialogPrimitive.Title>
            <DialogPrimitive.Close asChild>
              <Button variant="quiet" size="sm" aria-label="Fermer" className="-mr-2 -mt-1 no-underline">
                <X aria-hidden="true" className="size-5" />
              </Button>
            </DialogPrimitive.Close>
          </div>
          {description ? (
            <DialogPrimitive.Description className="mb-3 text-gray-800">{description}</DialogPrimitive.Description>
          ) : (
            <DialogPrimitive.Description className="sr-only">{title}</DialogPrimitive.Description>
          )}
          {children}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

/** The alert dialog's panel: its title and what the action does, then the caller's buttons or form. */
function AlertPanel({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <AlertDialogPrimitive.Portal>
      <AlertDialogPrimitive.Overlay className={overlay} />
      <AlertDialogPrimitive.Content className={panel}>
        <AlertDialogPrimitive.Title className="mb-2 text-xl font-bold text-gray-900">{title}</AlertDialogPrimitive.Title>
        <AlertDialogPrimitive.Description asChild>
          <div className="mb-3 text-gray-800">{description}</div>
        </AlertDialogPrimitive.Description>
        {children}
      </AlertDialogPrimitive.Content>
    </AlertDialogPrimitive.Portal>
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
  return (
    <AlertDialogPrimitive.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setError(null);
          setReasonError(null);
        }
      }}
    >
      <AlertDialogPrimitive.Trigger asChild>
        <Button variant={props.triggerVariant ?? "secondary"} size={props.triggerSize} aria-label={props.triggerAriaLabel}>
          {props.triggerLabel}
        </Button>
      </AlertDialogPrimitive.Trigger>
      <AlertPanel title={props.title} description={props.description}>
        <form
          noValidate
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
          <div className="flex flex-wrap justify-end gap-2">
            <AlertDialogPrimitive.Cancel asChild>
              <Button variant="secondary" disabled={pending}>
                Annuler
              </Button>
            </AlertDialogPrimitive.Cancel>
            <Button type="submit" variant={props.confirmVariant ?? "danger"} pending={pending}>
              {props.confirmLabel}
            </Button>
          </div>
        </form>
      </AlertPanel>
    </AlertDialogPrimitive.Root>
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
  return (
    <AlertDialogPrimitive.Root open={props.open} onOpenChange={props.onOpenChange}>
      <AlertPanel title={props.title} description={props.description}>
        <div className="flex flex-wrap justify-end gap-2">
          <AlertDialogPrimitive.Cancel asChild>
            <Button variant="secondary">Annuler</Button>
          </AlertDialogPrimitive.Cancel>
          <AlertDialogPrimitive.Action asChild>
            <Button variant="primary" onClick={props.onConfirm}>
              {props.confirmLabel}
            </Button>
          </AlertDialogPrimitive.Action>
        </div>
      </AlertPanel>
    </AlertDialogPrimitive.Root>
  );
}
