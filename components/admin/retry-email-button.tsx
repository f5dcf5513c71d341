"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";

export function RetryEmailButton({
  id,
  subject,
  retry,
}: {
  id: string;
  subject: string;
  retry: (input: { id: string }) => Promise<ActionResult<null>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn btn-secondary"
        disabled={pending}
        aria-label={`Renvoyer maintenant : ${subject}`}
        onClick={() =>
          startTransition(async () => {
            const result = await retry({ id });
            if (result.ok) router.refresh();
            else setError(result.error);
          })
        }
      >
        Renvoyer maintenant
      </button>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
