"use client";
import { useId, useState, useTransition } from "react";
import { CalendarPlus } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { FormAlert } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { cardClass, fieldClass, labelClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";

/**
 * « Mon agenda »: the secret address a calendar app (Google Agenda, Calendrier d'Apple, Outlook) subscribes to.
 * Creating a new one or turning it off makes the previous address stop working at once.
 */
export function CalendarFeed(props: {
  url: string | null;
  renew: (input: Record<string, never>) => Promise<ActionResult<{ url: string; message: string }>>;
  revoke: (input: Record<string, never>) => Promise<ActionResult<{ message: string }>>;
}) {
  const fieldId = useId();
  const [url, setUrl] = useState(props.url);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const renew = async () => {
    const result = await props.renew({});
    if (result.ok) {
      setUrl(result.data.url);
      setMessage({ tone: "success", text: result.data.message });
    }
    return result;
  };
  return (
    <section aria-labelledby="agenda" className={cn(cardClass, "mt-6 flex flex-col gap-3")}>
      <h2 id="agenda" className="text-lg font-bold">
        Mes réservations dans mon agenda
      </h2>
      <p className="text-sm">
        {url ? "Abonnez votre agenda à cette adresse :" : "Créez une adresse et abonnez-y votre agenda :"} vos réservations validées, pour
        tous vos enfants, s&apos;y affichent et se mettent à jour seules. Sur un téléphone, « Ajouter à mon agenda » ouvre l&apos;agenda
        (iPhone, Outlook) ; pour Google Agenda, copiez l&apos;adresse puis, sur ordinateur, « Autres agendas » → « À partir de l&apos;URL ».
        Gardez-la pour vous : qui la connaît voit vos réservations.
      </p>
      <FormAlert message={message?.text} tone={message?.tone} />
      {url ? (
        <>
          <div className={fieldClass}>
            <label htmlFor={fieldId} className={labelClass}>
              Adresse de l&apos;agenda
            </label>
            <Input id={fieldId} type="text" readOnly value={url} className="font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
          </div>
          <div className="flex flex-wrap gap-2">
            <a href={url.replace(/^https?:/, "webcal:")} className={buttonVariants({ variant: "primary" })}>
              Ajouter à mon agenda
            </a>
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(url).then(
                  () => setMessage({ tone: "success", text: "Adresse copiée." }),
                  () => setMessage({ tone: "error", text: "Copie impossible : sélectionnez l'adresse et copiez-la." }),
                );
              }}
            >
              Copier l&apos;adresse
            </Button>
            <ConfirmDialog
              triggerLabel="Nouvelle adresse"
              title="Créer une nouvelle adresse ?"
              description="L'adresse actuelle cessera aussitôt de fonctionner : il faudra abonner à nouveau vos agendas avec la nouvelle."
              confirmLabel="Créer une nouvelle adresse"
              action={renew}
            />
            <ConfirmDialog
              triggerLabel="Désactiver l'adresse"
              triggerVariant="quiet"
              title="Désactiver l'adresse de l'agenda ?"
              description="Vos agendas abonnés ne recevront plus vos réservations. Vous pourrez en créer une nouvelle à tout moment."
              confirmLabel="Désactiver"
              confirmVariant="danger"
              action={async () => {
                const result = await props.revoke({});
                if (result.ok) {
                  setUrl(null);
                  setMessage({ tone: "success", text: result.data.message });
                }
                return result;
              }}
            />
          </div>
        </>
      ) : (
        <div>
          <Button
            type="button"
            variant="secondary"
            pending={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await renew();
                if (!result.ok) setMessage({ tone: "error", text: result.error });
              })
            }
          >
            <CalendarPlus aria-hidden="true" className="size-5" /> Créer l&apos;adresse de mon agenda
          </Button>
        </div>
      )}
    </section>
  );
}
