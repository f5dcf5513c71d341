"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/field";
import { useActionDone } from "@/components/ui/use-action-done";
import { callAction } from "@/components/form/call-action";
import type { ActionResult } from "@/lib/action-result";

/** « Reprendre » an import whose server stopped: it goes on in the background from its first batch not written. */
export function ResumeImportButton({
  runId,
  resume,
}: {
  runId: string;
  resume: (input: { runId: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  const done = useActionDone();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="mt-2">
      <FormAlert message={error} />
      <Button
        type="button"
        pending={pending}
        pendingLabel="Reprise…"
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await callAction(() => resume({ runId }));
            if (result.ok) done(result.data.message, ["#import-en-cours"]);
            else setError(result.error);
          })
        }
      >
        Reprendre
      </Button>
    </div>
  );
}
