/**
 * Class strings shared by server and client components. Kept out of the "use client" files: a server component
 * importing a value from one gets a client reference, not the string.
 */

/** The look of every text input, select and textarea (`Input`, `Select`, `Textarea`). */
export const inputClass =
  "w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base text-gray-900 min-h-11 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";

/** A white block of the page (`Card`), also on a list item, a form, a fieldset or a `details`; kept whole on paper. */
export const cardClass = "rounded-lg border border-gray-300 bg-white p-4 shadow-sm print:break-inside-avoid print:shadow-none";

/** A text link (also a `summary` or a download `a` that reads as a link). */
export const linkClass = "font-semibold text-brand underline";

/** A hand-made field's parts, as `Field` draws them: the block, its label, its help, its error. */
export const fieldClass = "mb-4 flex flex-col gap-1";
export const labelClass = "font-semibold text-gray-900";
export const hintClass = "text-sm text-gray-700";
export const errorClass = "text-sm font-semibold text-red-800";
