import { Clock } from "lucide-react";
import type { ChildAwaitingValidation } from "@/lib/inscriptions/list-prepared-inscriptions";
import { LinkButton } from "@/components/ui/link-button";
import { cn } from "@/components/ui/cn";
import { WithdrawButton } from "@/components/inscriptions/withdraw-button";
import type { ActionResult } from "@/lib/action-result";

/**
 * Where a parent stands with a child the structure has not validated yet (ADR 037): the sentence, the inscription
 * requests already prepared (sent at the validation), and « Préparer une inscription » — never a dead end.
 */
export function AwaitingValidationNotice({
  child,
  className,
  withdraw,
}: {
  child: ChildAwaitingValidation;
  className?: string;
  /** « Retirer ma demande » of a prepared request (it was sent nowhere: it is dropped). */
  withdraw: (input: { id: string }) => Promise<ActionResult<null>>;
}) {
  return (
    <div className={cn("rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950", className)}>
      <p className="flex items-start gap-2 font-semibold">
        <Clock aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
        <span>{child.firstName} attend la validation de l&apos;accueil — vous pourrez ensuite l&apos;inscrire.</span>
      </p>
      {child.prepared.length > 0 ? (
        <>
          <p className="mt-2 text-sm">
            {child.prepared.length === 1 ? "Demande d'inscription préparée" : "Demandes d'inscription préparées"}, envoyée
            {child.prepared.length === 1 ? "" : "s"} dès la validation :
          </p>
          <ul className="list-disc pl-5 text-sm">
            {child.prepared.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span>{p.title}</span>
                <WithdrawButton
                  id={p.id}
                  label={`${child.firstName}, ${p.title}`}
                  withdraw={withdraw}
                  description={`La demande préparée pour ${child.firstName} (${p.title}) ne sera pas envoyée à la structure. Vous pourrez en préparer une autre.`}
                />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-2 text-sm">
          Vous pouvez déjà préparer sa demande d&apos;inscription : elle sera envoyée dès que l&apos;accueil aura validé {child.firstName}.
        </p>
      )}
      <p className="mt-2">
        <LinkButton
          href={`/mes-inscriptions/nouvelle?enfant=${child.id}`}
          variant="secondary"
          aria-label={`Préparer une inscription pour ${child.firstName}`}
        >
          Préparer une inscription
        </LinkButton>
      </p>
    </div>
  );
}
