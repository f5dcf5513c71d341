import type { ComponentProps } from "react";
import type { prepareInscription } from "@/lib/inscriptions/request-inscription";
import { describeBounds } from "@/lib/activities/age-groups";
import { dayOf } from "@/lib/calendar/paris";
import { InscriptionRequestForm } from "@/components/inscriptions/inscription-request-form";
import { Alert } from "@/components/ui/field";
import { STEPS } from "./steps";

type Prepared = Awaited<ReturnType<typeof prepareInscription>>;

/**
 * The last step, once every choice is made: the reason it cannot go on, or « groupe et dates » with what the
 * parent must know (closed, already asked, full) and the request form when it can be sent.
 */
export function GroupAndDatesStep({
  prepared,
  action,
  prepareAction,
}: {
  prepared: Prepared;
  action: ComponentProps<typeof InscriptionRequestForm>["action"];
  /** For a child awaiting the structure's check: the request is prepared, and sent at the validation (ADR 037). */
  prepareAction: ComponentProps<typeof InscriptionRequestForm>["action"];
}) {
  if (prepared.kind !== "READY") return <Alert tone="error">{prepared.message}</Alert>;
  const { context, notices } = prepared;
  return (
    <>
      <h2 className="mb-2 text-lg font-bold">
        Étape {STEPS.length + 1} sur {STEPS.length + 1} : groupe et dates
      </h2>
      {prepared.childAwaitingValidation ? (
        <Alert tone="info" live={false}>
          {context.child.firstName} attend la validation de l&apos;accueil : votre demande sera préparée maintenant et envoyée
          automatiquement dès que l&apos;accueil aura validé {context.child.firstName}. Vous en suivrez la réponse dans « Mes demandes ».
        </Alert>
      ) : null}
      {notices.closed ? <Alert tone="info">{notices.closed}</Alert> : null}
      {notices.duplicate ? <Alert tone="error">{notices.duplicate}</Alert> : null}
      {notices.full ? <Alert tone="info">{notices.full}</Alert> : null}
      {prepared.canSend ? (
        <InscriptionRequestForm
          action={prepared.childAwaitingValidation ? prepareAction : action}
          prepareOnly={prepared.childAwaitingValidation}
          childId={context.child.id}
          childName={context.child.firstName}
          activityId={context.activity.id}
          periodId={context.period.id}
          groups={context.groups.map((g) => ({ id: g.id, label: `${g.name} (${describeBounds(g)})` }))}
          periodStart={dayOf(context.period.startDate)}
          periodEnd={dayOf(context.period.endDate)}
          full={prepared.full}
        />
      ) : null}
    </>
  );
}
