"use client";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import * as AlertDialogPrimitive from "@radix-ui/react-alert-dialog";
import type { FormEvent, ReactNode, RefObject } from "react";
import { X } from "lucide-react";
import { Button } from "./button";

/**
 * The open dialogs themselves (Radix Dialog and AlertDialog: focus trapped inside, Échap closes, the rest of the page
 * hidden from screen readers), downloaded by `dialog.tsx` when a dialog first opens — or when the pointer or the
 * focus reaches its trigger — rather than with every page that has one.
 */

export const overlay = "fixed inset-0 z-40 bg-black/50";
export const panel =
  "fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl focus:outline-none";

export interface PanelProps {
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  /** The trigger, which gets the focus back on closing (Radix does so for its own `Trigger`, which lives in `dialog.tsx`). */
  returnFocus?: RefObject<HTMLElement | null>;
  children?: ReactNode;
}

function closeAutoFocus(returnFocus: PanelProps["returnFocus"]) {
  return returnFocus
    ? (event: Event) => {
        event.preventDefault();
        returnFocus.current?.focus();
      }
    : undefined;
}

export function ModalPanel({ onOpenChange, title, description, returnFocus, children }: PanelProps) {
  return (
    <DialogPrimitive.Root open onOpenChange={onOpenChange}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={overlay} />
        <DialogPrimitive.Content className={panel} onCloseAutoFocus={closeAutoFocus(returnFocus)}>
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

/**
 * The alert dialog: its title and what the action does, the caller's content (a reason, an error), then « Annuler »
 * (which has the focus on opening) and the confirm button — in a form when `onSubmit` is given, else as Radix's
 * `Action`, which closes the dialog.
 */
export function AlertPanel({
  onOpenChange,
  title,
  description,
  returnFocus,
  children,
  onSubmit,
  cancelDisabled,
  confirm,
}: PanelProps & { onSubmit?: (event: FormEvent<HTMLFormElement>) => void; cancelDisabled?: boolean; confirm: ReactNode }) {
  const buttons = (
    <div className="flex flex-wrap justify-end gap-2">
      <AlertDialogPrimitive.Cancel asChild>
        <Button variant="secondary" disabled={cancelDisabled}>
          Annuler
        </Button>
      </AlertDialogPrimitive.Cancel>
      {onSubmit ? confirm : <AlertDialogPrimitive.Action asChild>{confirm}</AlertDialogPrimitive.Action>}
    </div>
  );
  return (
    <AlertDialogPrimitive.Root open onOpenChange={onOpenChange}>
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className={overlay} />
        <AlertDialogPrimitive.Content className={panel} onCloseAutoFocus={closeAutoFocus(returnFocus)}>
          <AlertDialogPrimitive.Title className="mb-2 text-xl font-bold text-gray-900">{title}</AlertDialogPrimitive.Title>
          <AlertDialogPrimitive.Description asChild>
            <div className="mb-3 text-gray-800">{description}</div>
          </AlertDialogPrimitive.Description>
          {onSubmit ? (
            <form noValidate onSubmit={onSubmit}>
              {children}
              {buttons}
            </form>
          ) : (
            <>
              {children}
              {buttons}
            </>
          )}
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}
