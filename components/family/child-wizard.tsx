"use client";
import { ClientForm } from "@/components/ui/client-form";
import { ErrorSummary, FormAlert } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { CHILD_STEPS } from "@/lib/families/child-options";
import type { ChildFormInput } from "@/lib/families/schemas";
import type { ActionResult } from "@/lib/action-result";
import { REVIEW, useChildWizard } from "./use-child-wizard";
import { stepErrors } from "./child-form-errors";
import { ChildWizardProgress } from "./child-wizard-progress";
import { ChildHealthStep, ChildIdentityStep } from "./child-identity-health-steps";
import { ChildConsentsStep, ChildContactsStep } from "./child-contacts-consents-steps";
import { ChildReview } from "./child-review";
import { Alert } from "@/components/ui/field";
import { Card } from "@/components/ui/card";

/**
 * « Ajouter un enfant » / « Modifier » in the four steps of seed 004. One form
 * across the steps: going back and forth keeps every value, and a draft is
 * kept in the tab (sessionStorage) so a reload loses nothing. Only the
 * complete, valid child is sent.
 */
export function ChildWizard(props: {
  draftKey: string;
  initial: ChildFormInput;
  submitLabel: string;
  doneHref: string;
  /**
   * An exported server action (never a closure of the page: posted without its bound arguments, one answers 500).
   * The ids of what is edited travel with the form, as SchemaForm's hidden fields; the action checks them.
   */
  action: (input: ChildFormInput & Record<string, unknown>) => Promise<ActionResult<{ message: string }>>;
  ids?: Record<string, string>;
}) {
  const { form, persons, step, visited, current, showErrors, formError, pending, restored, headingRef, goTo, onSubmit } =
    useChildWizard(props);
  const { errors } = form.formState;
  const stepProps = { form, errors };

  return (
    <ClientForm onSubmit={onSubmit} noValidate>
      <ChildWizardProgress step={step} visited={visited} onGoTo={goTo} />
      {restored ? <Alert tone="info">Votre saisie en cours a été reprise.</Alert> : null}
      <FormAlert message={formError} />
      {showErrors && step < REVIEW ? (
        <ErrorSummary title="Cette étape contient des erreurs" errors={stepErrors(errors, current.key)} />
      ) : null}
      <Card>
        <h2 ref={headingRef} tabIndex={-1} className="mb-4 text-xl font-bold">
          {step < REVIEW ? `Étape ${step + 1} sur ${CHILD_STEPS.length} : ${current.title}` : "Vérifiez avant d'enregistrer"}
        </h2>
        {step === REVIEW ? <ChildReview values={form.getValues()} onEdit={goTo} /> : null}
        <ChildIdentityStep {...stepProps} hidden={step !== 0} />
        <ChildHealthStep {...stepProps} hidden={step !== 1} />
        <ChildContactsStep {...stepProps} persons={persons} hidden={step !== 2} />
        <ChildConsentsStep {...stepProps} hidden={step !== 3} />
      </Card>

      <div className="mt-4 flex flex-wrap gap-3">
        {step > 0 ? (
          <Button variant="secondary" onClick={() => goTo(step - 1)}>
            Précédent
          </Button>
        ) : null}
        {step < REVIEW - 1 ? <Button type="submit">Suivant</Button> : null}
        {step === REVIEW - 1 ? <Button type="submit">Vérifier</Button> : null}
        {step === REVIEW ? (
          <Button type="submit" pending={pending} pendingLabel="Envoi en cours…">
            {props.submitLabel}
          </Button>
        ) : null}
      </div>
    </ClientForm>
  );
}
