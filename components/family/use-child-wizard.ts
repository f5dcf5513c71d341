"use client";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm, type Path } from "react-hook-form";
import { lazyZodResolver } from "@/components/form/lazy-resolver";
import { leaveFlashMessage } from "@/components/ui/toast";
import { isoToFrench } from "@/lib/format";
import { CHILD_STEPS } from "@/lib/families/child-options";
import type { ChildData, ChildFormInput } from "@/lib/families/schemas";
import type { ActionResult } from "@/lib/action-result";
import { useChildDraft } from "./use-child-draft";

type StepKey = (typeof CHILD_STEPS)[number]["key"];
/** 0–3: the four steps; 4: « Vérification » before saving. */
export const REVIEW = CHILD_STEPS.length;

export interface ChildWizardOptions {
  draftKey: string;
  initial: ChildFormInput;
  doneHref: string;
  action: (input: ChildFormInput & Record<string, unknown>) => Promise<ActionResult<{ message: string }>>;
  ids?: Record<string, string>;
}

/**
 * The wizard's state: one form across the steps, the current and furthest step, the heading focused on each
 * change of step, « Suivant » checking only the current step, and the sending of the complete child (the
 * server's errors put back on their fields, the wizard going to the first step that has one).
 */
export function useChildWizard({ draftKey, initial, doneHref, action, ids }: ChildWizardOptions) {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [visited, setVisited] = useState(0);
  const [showErrors, setShowErrors] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const form = useForm<ChildFormInput, unknown, ChildData>({
    resolver: lazyZodResolver<ChildFormInput, ChildData>(() => import("@/lib/families/schemas").then((m) => m.childSchema)),
    // Dates are shown and typed the French way (jj/mm/aaaa); the server reads both.
    defaultValues: { ...initial, identity: { ...initial.identity, birthDate: isoToFrench(initial.identity.birthDate) } },
  });
  const persons = useFieldArray({ control: form.control, name: "contacts.authorizedPersons" });
  const draft = useChildDraft(form, draftKey, step, setStep, setVisited);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const current = CHILD_STEPS[Math.min(step, CHILD_STEPS.length - 1)];

  const goTo = (target: number) => {
    setFormError(null);
    setShowErrors(false);
    setStep(target);
    setVisited((v) => Math.max(v, target));
  };

  const next = async () => {
    setFormError(null);
    if (await form.trigger(current.key as StepKey)) goTo(step + 1);
    else setShowErrors(true);
  };

  const submit = form.handleSubmit(
    () => {
      setFormError(null);
      startTransition(async () => {
        // The raw values: the server parses them with the same schema.
        const result = await action({ ...form.getValues(), ...ids });
        if (result.ok) {
          draft.discard();
          leaveFlashMessage(result.data.message);
          router.push(doneHref);
          return;
        }
        setFormError(result.error);
        const keys = Object.keys(result.fieldErrors ?? {});
        for (const key of keys) form.setError(key as Path<ChildFormInput>, { type: "server", message: result.fieldErrors![key] });
        const firstStep = CHILD_STEPS.findIndex((s) => keys.some((k) => k.startsWith(`${s.key}.`)));
        if (firstStep >= 0) {
          setStep(firstStep);
          setShowErrors(true);
        }
      });
    },
    (invalid) => {
      const firstStep = CHILD_STEPS.findIndex((s) => s.key in invalid);
      if (firstStep >= 0) {
        setStep(firstStep);
        setShowErrors(true);
      }
    },
  );

  /** The form's submit: « Suivant » / « Vérifier » check the step, the last one sends. */
  const onSubmit = (event: FormEvent<HTMLFormElement>) => (step === REVIEW ? submit(event) : (event.preventDefault(), next()));

  return { form, persons, step, visited, current, showErrors, formError, pending, restored: draft.restored, headingRef, goTo, onSubmit };
}
