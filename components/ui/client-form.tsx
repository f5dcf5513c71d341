"use client";
import { forwardRef, useSyncExternalStore, type FormHTMLAttributes } from "react";

const subscribe = () => () => {};

/** False in the server's HTML and until React has hydrated this part of the page, true afterwards. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/**
 * A form handled by JavaScript (react-hook-form, a wizard, a server action called from `onSubmit`). Until the
 * page has hydrated, its fields and buttons are disabled: typed text would be replaced by the form's default
 * values when react-hook-form takes the fields over, and a submission would go to the browser, which sends a
 * `GET` with every field — a password included — in the address. `method="post"` keeps the fields out of the
 * address even if a submission ever happens without JavaScript.
 */
export const ClientForm = forwardRef<HTMLFormElement, FormHTMLAttributes<HTMLFormElement>>(function ClientForm(
  { children, ...props },
  ref,
) {
  const hydrated = useHydrated();
  return (
    <form ref={ref} method="post" {...props} aria-busy={hydrated ? undefined : true}>
      <fieldset disabled={!hydrated} className="contents">
        {children}
      </fieldset>
    </form>
  );
});
