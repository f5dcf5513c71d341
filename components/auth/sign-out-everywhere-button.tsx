"use client";
import { useState, useTransition } from "react";
import { signOutTo } from "./sign-out";
import { FormAlert } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { Button } from "@/components/ui/button";

/** Ends every session of the account on the server, then clears this device's cookie. */
export function SignOutEverywhereButton({ action }: { action: (input: object) => Promise<ActionResult<{ closed: number }>> }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      <FormAlert message={error} />
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await action({});
            if (!result.ok) {
              setError(result.error);
              return;
            }
            await signOutTo("/connexion?deconnexion=tous");
          })
        }
      >
        Se déconnecter de tous les appareils
      </Button>
    </div>
  );
}
