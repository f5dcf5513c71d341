"use client";
import { useId, useState, useTransition } from "react";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { Alert, Field, inputClass } from "@/components/ui/field";
import { useActionDone } from "@/components/ui/use-action-done";
import type { ActionResult } from "@/lib/action-result";

export interface SecondFoyerChoice {
  id: string;
  name: string;
  city: string | null;
  adults: string;
  children: string;
}

/**
 * « Lier à un second foyer » (garde alternée, ADR 051): staff search the other parent's family (by family, adult,
 * login or child name), choose it, and link. The server refuses the child's own family, a child that already has a
 * second foyer, a missing family — its French message stays in the dialog.
 */
export function SecondFoyerDialog({
  childId,
  childName,
  search,
  link,
}: {
  childId: string;
  childName: string;
  search: (input: { childId: string; query: string }) => Promise<ActionResult<{ families: SecondFoyerChoice[] }>>;
  link: (input: { childId: string; familyId: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  const actionDone = useActionDone();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<SecondFoyerChoice[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, startSearch] = useTransition();
  const [linking, startLink] = useTransition();
  const id = useId();
  const change = (next: boolean) => {
    setOpen(next);
    if (next) {
      setError(null);
      setResults(null);
      setChosen(null);
    }
  };
  return (
    <Dialog
      open={open}
      onOpenChange={change}
      trigger={
        <Button variant="secondary" aria-label={`Lier ${childName} à un second foyer`}>
          Lier à un second foyer
        </Button>
      }
      title={`Lier ${childName} à un second foyer`}
      description="Garde alternée : choisissez la famille de l'autre parent (son propre compte, son adresse, son quotient et ses factures). Chaque parent verra l'enfant ; aucun ne verra le dossier de l'autre."
    >
      <form
        role="search"
        aria-label="Recherche d'une famille"
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          startSearch(async () => {
            const result = await search({ childId, query });
            if (result.ok) {
              setResults(result.data.families);
              setChosen(null);
            } else setError(result.error);
          });
        }}
      >
        <Field id={`${id}-q`} label="Famille de l'autre parent" hint="Nom de famille, nom ou prénom d'un parent, e-mail de connexion">
          {(aria) => (
            <input
              {...aria}
              className={inputClass}
              value={query}
              maxLength={100}
              autoComplete="off"
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="secondary" pending={searching} pendingLabel="Recherche…">
          Rechercher
        </Button>
      </form>
      {error ? (
        <Alert tone="error" focus className="mt-4">
          {error}
        </Alert>
      ) : null}
      {results ? (
        <form
          className="mt-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen) {
              setError("Choisissez la famille de l'autre parent dans la liste.");
              return;
            }
            setError(null);
            startLink(async () => {
              const result = await link({ childId, familyId: chosen });
              if (result.ok) {
                setOpen(false);
                actionDone(result.data.message, [`enfant-${childId}`, "titre-page"]);
              } else setError(result.error);
            });
          }}
        >
          {results.length === 0 ? (
            <p role="status" className="mb-4">
              Aucune famille trouvée : vérifiez l&apos;orthographe, ou créez d&apos;abord le compte de l&apos;autre parent.
            </p>
          ) : (
            <fieldset className="mb-4">
              <legend className="mb-1 font-semibold">
                {results.length} {results.length > 1 ? "familles trouvées" : "famille trouvée"} : choisissez
              </legend>
              <div className="flex max-h-72 flex-col overflow-y-auto">
                {results.map((family) => (
                  <label key={family.id} className="flex min-h-11 items-start gap-2 border-b border-gray-200 py-2">
                    <input
                      type="radio"
                      name={`${id}-famille`}
                      value={family.id}
                      checked={chosen === family.id}
                      onChange={() => setChosen(family.id)}
                      className="mt-0.5 size-5 shrink-0 accent-brand"
                    />
                    <span>
                      <span className="font-semibold">{family.name}</span>
                      {family.city ? ` — ${family.city}` : ""}
                      <span className="block text-sm text-gray-700">
                        Adultes : {family.adults || "—"}
                        {family.children ? ` · Enfants : ${family.children}` : ""}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          {results.length > 0 ? (
            <Button type="submit" pending={linking} pendingLabel="Enregistrement…">
              Lier à ce foyer
            </Button>
          ) : null}
        </form>
      ) : null}
    </Dialog>
  );
}

/** « Retirer le second foyer », confirmed: the link goes, and the custody calendar with it. */
export function UnlinkFoyerButton({
  childId,
  familyId,
  childName,
  foyerName,
  unlink,
}: {
  childId: string;
  familyId: string;
  childName: string;
  foyerName: string;
  unlink: (input: { childId: string; familyId: string }) => Promise<ActionResult<{ message: string }>>;
}) {
  return (
    <ConfirmDialog
      triggerLabel="Retirer le second foyer"
      triggerAriaLabel={`Retirer le second foyer de ${childName}`}
      title={`Retirer ${childName} du foyer « ${foyerName} » ?`}
      description="L'autre parent ne verra plus l'enfant, et son calendrier de garde est supprimé. Les réservations et les factures passées restent comme elles sont."
      confirmLabel="Retirer le lien"
      action={() => unlink({ childId, familyId })}
      done={(data) => data.message}
      focusAfter={[`enfant-${childId}`, "titre-page"]}
    />
  );
}
