"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "@/components/ui/button";
import { errorClass } from "@/components/ui/classes";

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
      <Button
        type="button"
        variant="secondary"
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
      </Button>
      {error ? (
        <p role="alert" className={errorClass}>
          {error}
        </p>
      ) : null}
    </>
  );
}
