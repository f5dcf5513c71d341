/**
 * Class strings shared by server and client components. Kept out of the "use client" files: a server component
 * importing a value from one gets a client reference, not the string.
 */

/** The look of every text input, select and textarea. */
export const inputClass =
  "w-full rounded-md border border-gray-500 bg-white px-3 py-2 text-base text-gray-900 min-h-11 aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-700";
