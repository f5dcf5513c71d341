"use client";
import { useRef, useState, useTransition } from "react";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FileField } from "@/components/ui/file-field";
import { useActionDone } from "@/components/ui/use-action-done";
import type { ActionResult } from "@/lib/action-result";
import { fileSize, LOGO_MAX_BYTES, tooBigMessage } from "@/lib/files/limits";
import { callAction } from "@/components/form/call-action";

/** Upload (PNG, JPEG or WebP, 300 Ko at most — its size checked here first, everything again from the content on the server) or remove the logo. */
export function LogoForm({
  hasLogo,
  upload,
  remove,
}: {
  hasLogo: boolean;
  upload: (form: FormData) => Promise<ActionResult<{ message: string }>>;
  remove: (input: object) => Promise<ActionResult<null>>;
}) {
  const done = useActionDone();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      <form
        ref={formRef}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          setError(null);
          // Checked here first, so that a too big image is never sent for nothing (the server checks it again).
          const file = data.get("logo");
          if (file instanceof File && file.size > LOGO_MAX_BYTES) {
            setError(tooBigMessage("Logo", file.size, LOGO_MAX_BYTES));
            return;
          }
          startTransition(async () => {
            const result = await callAction(() => upload(data));
            if (result.ok) {
              formRef.current?.reset();
              setSent((n) => n + 1);
              done(result.data.message);
            } else setError(result.fieldErrors?.logo ?? result.error);
          });
        }}
      >
        <FormAlert message={error} />
        <FileField
          name="logo"
          title="Fichier du logo"
          accept="image/png,image/jpeg,image/webp"
          invalid={Boolean(error)}
          resetKey={sent}
          hint={`Image PNG, JPEG ou WebP, ${fileSize(LOGO_MAX_BYTES)} au maximum, de préférence plus large que haute.`}
        />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" pending={pending} pendingLabel="Envoi en cours…">
            Enregistrer le logo
          </Button>
          {hasLogo ? (
            <ConfirmDialog
              triggerLabel="Retirer le logo"
              title="Retirer le logo ?"
              description="Les initiales de la structure le remplaceront dans l'en-tête."
              confirmLabel="Retirer le logo"
              action={() => remove({})}
              done="Logo retiré."
            />
          ) : null}
        </div>
      </form>
    </div>
  );
}
