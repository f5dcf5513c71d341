"use client";
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/field";
import { Button, buttonVariants } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

/** Upload (PNG, JPEG or WebP, 300 Ko at most — checked from the content on the server) or remove the logo. */
export function LogoForm({ hasLogo, upload, remove }: {
  hasLogo: boolean;
  upload: (form: FormData) => Promise<ActionResult<{ message: string }>>;
  remove: (input: object) => Promise<ActionResult<null>>;
}) {
  const id = useId();
  const router = useRouter();
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      <form ref={formRef} noValidate onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        setError(null);
        startTransition(async () => {
          const result = await upload(data);
          if (result.ok) {
            toast(result.data.message);
            formRef.current?.reset();
            setFileName(null);
            router.refresh();
          } else setError(result.fieldErrors?.logo ?? result.error);
        });
      }}>
        <FormAlert message={error} />
        <div className="mb-4 flex flex-col gap-1">
          <span className="font-semibold" id={`${id}-titre`}>Fichier du logo</span>
          <p id={`${id}-aide`} className="text-sm text-gray-700">Image PNG, JPEG ou WebP, 300 Ko au maximum, de préférence plus large que haute.</p>
          {/* The browser's own file button speaks the browser's language: ours says it in French. */}
          <div className="flex flex-wrap items-center gap-3">
            <label htmlFor={id} className={`${buttonVariants({ variant: "secondary" })} cursor-pointer has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-amber-700`}>
              Choisir un fichier
              <input id={id} name="logo" type="file" accept="image/png,image/jpeg,image/webp" className="sr-only"
                aria-describedby={`${id}-aide ${id}-choix`} aria-invalid={Boolean(error)}
                onChange={(event) => setFileName(event.target.files?.[0]?.name ?? null)} />
            </label>
            <span id={`${id}-choix`} className="text-sm text-gray-800">{fileName ?? "Aucun fichier choisi"}</span>
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" pending={pending} pendingLabel="Envoi en cours…">Enregistrer le logo</Button>
          {hasLogo ? (
            <ConfirmDialog triggerLabel="Retirer le logo" title="Retirer le logo ?" description="Les initiales de la structure le remplaceront dans l'en-tête."
              confirmLabel="Retirer le logo" action={() => remove({})} onDone={() => { toast("Logo retiré."); router.refresh(); }} />
          ) : null}
        </div>
      </form>
    </div>
  );
}
