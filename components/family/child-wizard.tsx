"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm, type FieldErrors, type Path } from "react-hook-form";
import { lazyZodResolver } from "@/components/form/lazy-resolver";
import { Field, FormAlert } from "@/components/ui/field";
import { RadioGroup, YES_NO } from "@/components/ui/field";
import { CHILD_STEPS, MEAL_TYPES } from "@/lib/families/child-options";
import type { ChildData, ChildFormInput } from "@/lib/families/schemas";
import type { ActionResult } from "@/lib/action-result";
import { leaveFlashMessage } from "@/components/ui/toast";

type StepKey = (typeof CHILD_STEPS)[number]["key"];

function errorAt(errors: FieldErrors<ChildFormInput>, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}

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
  action: (input: ChildFormInput) => Promise<ActionResult<{ message: string }>>;
}) {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [restored, setRestored] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const form = useForm<ChildFormInput, unknown, ChildData>({ resolver: lazyZodResolver<ChildFormInput, ChildData>(() => import("@/lib/families/schemas").then((m) => m.childSchema)), defaultValues: props.initial });
  const persons = useFieldArray({ control: form.control, name: "contacts.authorizedPersons" });
  const { errors } = form.formState;
  const storageKey = `portail-famille:${props.draftKey}`;

  // Restore the draft of this tab, once.
  useEffect(() => {
    const saved = window.sessionStorage.getItem(storageKey);
    if (saved) {
      try {
        const draft = JSON.parse(saved) as { values: ChildFormInput; step: number };
        form.reset(draft.values);
        setStep(Math.min(Math.max(draft.step, 0), CHILD_STEPS.length - 1));
        setRestored(true);
      } catch {
        window.sessionStorage.removeItem(storageKey);
      }
    }
  }, [form, storageKey]);

  // Keep the draft up to date.
  useEffect(() => {
    const subscription = form.watch((values) => {
      window.sessionStorage.setItem(storageKey, JSON.stringify({ values, step }));
    });
    window.sessionStorage.setItem(storageKey, JSON.stringify({ values: form.getValues(), step }));
    return () => subscription.unsubscribe();
  }, [form, step, storageKey]);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const current = CHILD_STEPS[step];
  const text = (name: Path<ChildFormInput>, label: string, options: { type?: string; required?: boolean; hint?: string; autoComplete?: string } = {}) => (
    <Field id={name.replace(/\./g, "-")} label={label} required={options.required} hint={options.hint} error={errorAt(errors, name)}>
      {(aria) => <input {...aria} {...form.register(name)} type={options.type ?? "text"} autoComplete={options.autoComplete ?? "off"} className="input" />}
    </Field>
  );

  const next = async () => {
    setFormError(null);
    if (await form.trigger(current.key as StepKey)) setStep(step + 1);
    else setFormError("Cette étape contient des erreurs : corrigez les champs signalés.");
  };

  const submit = form.handleSubmit(
    () => {
      setFormError(null);
      startTransition(async () => {
        // The raw values: the server parses them with the same schema.
        const result = await props.action(form.getValues());
        if (result.ok) {
          window.sessionStorage.removeItem(storageKey);
          leaveFlashMessage(result.data.message);
          router.push(props.doneHref);
          return;
        }
        setFormError(result.error);
        const keys = Object.keys(result.fieldErrors ?? {});
        for (const key of keys) form.setError(key as Path<ChildFormInput>, { type: "server", message: result.fieldErrors![key] });
        const firstStep = CHILD_STEPS.findIndex((s) => keys.some((k) => k.startsWith(`${s.key}.`)));
        if (firstStep >= 0) setStep(firstStep);
      });
    },
    (invalid) => {
      setFormError("Le formulaire contient des erreurs : corrigez les champs signalés.");
      const firstStep = CHILD_STEPS.findIndex((s) => s.key in invalid);
      if (firstStep >= 0) setStep(firstStep);
    },
  );

  const hasAllergies = form.watch("health.hasAllergies");

  return (
    <form onSubmit={(event) => (step === CHILD_STEPS.length - 1 ? submit(event) : (event.preventDefault(), next()))} noValidate>
      <ol className="mb-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" aria-label="Étapes">
        {CHILD_STEPS.map((s, index) => (
          <li
            key={s.key}
            aria-current={index === step ? "step" : undefined}
            className={`rounded border px-2 py-1 ${index === step ? "border-brand bg-blue-50 font-bold text-brand" : index < step ? "border-green-700 text-green-900" : "border-gray-400 text-gray-800"}`}
          >
            {index + 1}. {s.title}
          </li>
        ))}
      </ol>
      {restored ? <p role="status" className="alert alert-info">Votre saisie en cours a été reprise.</p> : null}
      <FormAlert message={formError} />
      <div className="card">
        <h2 ref={headingRef} tabIndex={-1} className="mb-4 text-xl font-bold">
          Étape {step + 1} sur {CHILD_STEPS.length} : {current.title}
        </h2>

        <div hidden={current.key !== "identity"}>
          {text("identity.lastName", "Nom", { required: true })}
          {text("identity.firstName", "Prénom", { required: true })}
          {text("identity.birthDate", "Date de naissance", { required: true, type: "date" })}
          <RadioGroup id="identity-sex" legend="Sexe" required registration={form.register("identity.sex")} error={errorAt(errors, "identity.sex")}
            options={[{ value: "F", label: "Fille" }, { value: "M", label: "Garçon" }]} />
          {text("identity.school", "École")}
          {text("identity.schoolClass", "Classe", { hint: "Exemple : PS, MS, GS, CP, CE1…" })}
        </div>

        <div hidden={current.key !== "health"}>
          <RadioGroup id="health-hasAllergies" legend="Allergies" required registration={form.register("health.hasAllergies")} error={errorAt(errors, "health.hasAllergies")} options={YES_NO} />
          {hasAllergies === "oui" ? text("health.allergyNotes", "Précisions sur les allergies", { required: true, hint: "Aliments, médicaments, conduite à tenir…" }) : null}
          <RadioGroup id="health-hasPai" legend="PAI (projet d'accueil individualisé)" required registration={form.register("health.hasPai")} error={errorAt(errors, "health.hasPai")} options={YES_NO} />
          <Field id="health-mealType" label="Type de repas" required error={errorAt(errors, "health.mealType")}>
            {(aria) => (
              <select {...aria} {...form.register("health.mealType")} className="input">
                {Object.entries(MEAL_TYPES).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
              </select>
            )}
          </Field>
          {text("health.dietNotes", "Recommandations", { hint: "Régime, recommandations pour les repas" })}
          {text("health.doctorName", "Médecin traitant")}
          {text("health.doctorPhone", "Téléphone du médecin", { type: "tel" })}
          {text("health.cafAllocataireNumber", "Numéro d'allocataire CAF", { hint: "7 à 10 chiffres, facultatif" })}
        </div>

        <div hidden={current.key !== "contacts"}>
          <p className="mb-3">Personnes autorisées à venir chercher l&apos;enfant (en plus des responsables légaux).</p>
          {persons.fields.length === 0 ? <p className="mb-3 text-gray-700">Aucune personne pour le moment.</p> : null}
          {persons.fields.map((person, index) => (
            <fieldset key={person.id} className="mb-4 rounded border border-gray-300 p-3">
              <legend className="px-1 font-semibold">Personne autorisée {index + 1}</legend>
              {text(`contacts.authorizedPersons.${index}.fullName`, "Nom et prénom", { required: true })}
              {text(`contacts.authorizedPersons.${index}.phone`, "Téléphone", { required: true, type: "tel" })}
              {text(`contacts.authorizedPersons.${index}.relationship`, "Lien avec l'enfant", { required: true, hint: "Exemple : grand-mère, voisin" })}
              <button type="button" className="btn btn-secondary" onClick={() => persons.remove(index)}>
                Retirer la personne {index + 1}
              </button>
            </fieldset>
          ))}
          {persons.fields.length < 6 ? (
            <button type="button" className="btn btn-secondary" onClick={() => persons.append({ fullName: "", phone: "", relationship: "" })}>
              Ajouter une personne autorisée
            </button>
          ) : null}
        </div>

        <div hidden={current.key !== "consents"}>
          <RadioGroup id="consents-photoConsent" legend="Droit à l'image" hint="L'enfant peut être photographié ou filmé pendant les activités." required registration={form.register("consents.photoConsent")} error={errorAt(errors, "consents.photoConsent")} options={YES_NO} />
          <RadioGroup id="consents-canLeaveAlone" legend="Sortie seul" hint="L'enfant peut quitter l'accueil seul." required registration={form.register("consents.canLeaveAlone")} error={errorAt(errors, "consents.canLeaveAlone")} options={YES_NO} />
          <RadioGroup id="consents-emergencyCareConsent" legend="Soins d'urgence" hint="L'équipe peut faire appel aux secours et faire soigner l'enfant en urgence." required registration={form.register("consents.emergencyCareConsent")} error={errorAt(errors, "consents.emergencyCareConsent")} options={YES_NO} />
        </div>
      </div>

      <div className="mt-4 flex flex-wrap gap-3">
        {step > 0 ? (
          <button type="button" className="btn btn-secondary" onClick={() => { setFormError(null); setStep(step - 1); }}>
            Précédent
          </button>
        ) : null}
        {step < CHILD_STEPS.length - 1 ? (
          <button type="submit" className="btn btn-primary">Suivant</button>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={pending} aria-busy={pending}>
            {pending ? "Envoi en cours…" : props.submitLabel}
          </button>
        )}
      </div>
    </form>
  );
}
