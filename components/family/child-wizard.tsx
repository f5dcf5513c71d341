"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm, type FieldErrors, type Path } from "react-hook-form";
import { lazyZodResolver } from "@/components/form/lazy-resolver";
import { Check, Pencil } from "lucide-react";
import { DateField, ErrorSummary, Field, FormAlert, RadioGroup, YES_NO, inputClass, type SummaryError, Alert } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { isoToFrench } from "@/lib/format";
import { CHILD_STEPS, MEAL_TYPES } from "@/lib/families/child-options";
import type { ChildData, ChildFormInput } from "@/lib/families/schemas";
import type { ActionResult } from "@/lib/action-result";
import { leaveFlashMessage } from "@/components/ui/toast";
import { Card } from "@/components/ui/card";

type StepKey = (typeof CHILD_STEPS)[number]["key"];

/** Every message of one step, with the id of its field, for the error summary. */
function stepErrors(errors: FieldErrors<ChildFormInput>, key: string): SummaryError[] {
  const out: SummaryError[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== "object") return;
    const message = (node as { message?: unknown }).message;
    if (typeof message === "string") {
      out.push({ fieldId: path.join("-"), message });
      return;
    }
    for (const [k, v] of Object.entries(node)) if (k !== "ref" && k !== "type") walk(v, [...path, k]);
  };
  walk((errors as Record<string, unknown>)[key], [key]);
  return out;
}

const yesNo = (value: unknown) => (value === "oui" ? "Oui" : value === "non" ? "Non" : "—");

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
  /**
   * An exported server action (never a closure of the page: posted without its bound arguments, one answers 500).
   * The ids of what is edited travel with the form, as SchemaForm's hidden fields; the action checks them.
   */
  action: (input: ChildFormInput & Record<string, unknown>) => Promise<ActionResult<{ message: string }>>;
  ids?: Record<string, string>;
}) {
  const router = useRouter();
  /** 0–3: the four steps; 4: « Vérification » before saving. */
  const [step, setStep] = useState(0);
  const [visited, setVisited] = useState(0);
  const [showErrors, setShowErrors] = useState(false);
  const REVIEW = CHILD_STEPS.length;
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [restored, setRestored] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const form = useForm<ChildFormInput, unknown, ChildData>({
    resolver: lazyZodResolver<ChildFormInput, ChildData>(() => import("@/lib/families/schemas").then((m) => m.childSchema)),
    // Dates are shown and typed the French way (jj/mm/aaaa); the server reads both.
    defaultValues: { ...props.initial, identity: { ...props.initial.identity, birthDate: isoToFrench(props.initial.identity.birthDate) } },
  });
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
        const restoredStep = Math.min(Math.max(draft.step, 0), CHILD_STEPS.length - 1);
        setStep(restoredStep);
        setVisited(restoredStep);
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

  const current = CHILD_STEPS[Math.min(step, CHILD_STEPS.length - 1)];
  const text = (
    name: Path<ChildFormInput>,
    label: string,
    options: { type?: string; required?: boolean; hint?: string; autoComplete?: string } = {},
  ) => (
    <Field id={name.replace(/\./g, "-")} label={label} required={options.required} hint={options.hint} error={errorAt(errors, name)}>
      {(aria) => (
        <input
          {...aria}
          {...form.register(name)}
          type={options.type ?? "text"}
          autoComplete={options.autoComplete ?? "off"}
          className={inputClass}
        />
      )}
    </Field>
  );

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
        const result = await props.action({ ...form.getValues(), ...props.ids });
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

  const hasAllergies = form.watch("health.hasAllergies");

  return (
    <form onSubmit={(event) => (step === REVIEW ? submit(event) : (event.preventDefault(), next()))} noValidate>
      <ol className="mb-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" aria-label="Étapes">
        {[...CHILD_STEPS.map((s) => s.title), "Vérification"].map((title, index) => {
          const state = index === step ? "current" : index <= visited ? "visited" : "todo";
          const label = index < REVIEW ? `${index + 1}. ${title}` : title;
          return (
            <li
              key={title}
              aria-current={state === "current" ? "step" : undefined}
              className={index === REVIEW ? "col-span-2 sm:col-span-1" : undefined}
            >
              {state === "visited" ? (
                <button
                  type="button"
                  onClick={() => goTo(index)}
                  className="flex min-h-11 w-full items-center gap-1 rounded border border-green-700 px-2 py-1 text-left text-green-950 underline hover:bg-green-50"
                >
                  <Check aria-hidden="true" className="size-4 shrink-0" /> {label}
                  <span className="sr-only"> (revenir à cette étape)</span>
                </button>
              ) : (
                <span
                  className={`flex min-h-11 items-center rounded border px-2 py-1 ${state === "current" ? "border-brand bg-brand-soft font-bold text-brand-dark" : "border-gray-400 text-gray-800"}`}
                >
                  {label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {restored ? <Alert tone="info">Votre saisie en cours a été reprise.</Alert> : null}
      <FormAlert message={formError} />
      {showErrors && step < REVIEW ? (
        <ErrorSummary title="Cette étape contient des erreurs" errors={stepErrors(errors, current.key)} />
      ) : null}
      <Card>
        <h2 ref={headingRef} tabIndex={-1} className="mb-4 text-xl font-bold">
          {step < REVIEW ? `Étape ${step + 1} sur ${CHILD_STEPS.length} : ${current.title}` : "Vérifiez avant d'enregistrer"}
        </h2>
        {step === REVIEW ? <Review values={form.getValues()} onEdit={goTo} /> : null}

        <div hidden={step !== 0}>
          {text("identity.lastName", "Nom", { required: true })}
          {text("identity.firstName", "Prénom", { required: true })}
          <DateField
            id="identity-birthDate"
            label="Date de naissance"
            required
            example="14/05/2018"
            registration={form.register("identity.birthDate")}
            error={errorAt(errors, "identity.birthDate")}
          />
          <RadioGroup
            id="identity-sex"
            legend="Sexe"
            required
            registration={form.register("identity.sex")}
            error={errorAt(errors, "identity.sex")}
            options={[
              { value: "F", label: "Fille" },
              { value: "M", label: "Garçon" },
            ]}
          />
          {text("identity.school", "École")}
          {text("identity.schoolClass", "Classe", { hint: "Exemple : PS, MS, GS, CP, CE1…" })}
        </div>

        <div hidden={step !== 1}>
          <RadioGroup
            id="health-hasAllergies"
            legend="Allergies"
            required
            registration={form.register("health.hasAllergies")}
            error={errorAt(errors, "health.hasAllergies")}
            options={YES_NO}
          />
          {hasAllergies === "oui"
            ? text("health.allergyNotes", "Précisions sur les allergies", {
                required: true,
                hint: "Aliments, médicaments, conduite à tenir…",
              })
            : null}
          <RadioGroup
            id="health-hasPai"
            legend="PAI (projet d'accueil individualisé)"
            required
            registration={form.register("health.hasPai")}
            error={errorAt(errors, "health.hasPai")}
            options={YES_NO}
          />
          <Field id="health-mealType" label="Type de repas" required error={errorAt(errors, "health.mealType")}>
            {(aria) => (
              <select {...aria} {...form.register("health.mealType")} className={inputClass}>
                {Object.entries(MEAL_TYPES).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text("health.dietNotes", "Recommandations", { hint: "Régime, recommandations pour les repas" })}
          {text("health.doctorName", "Médecin traitant")}
          {text("health.doctorPhone", "Téléphone du médecin", { type: "tel" })}
          {text("health.cafAllocataireNumber", "Numéro d'allocataire CAF", { hint: "7 à 10 chiffres, facultatif" })}
        </div>

        <div hidden={step !== 2}>
          <p className="mb-3">Personnes autorisées à venir chercher l&apos;enfant (en plus des responsables légaux).</p>
          {persons.fields.length === 0 ? <p className="mb-3 text-gray-700">Aucune personne pour le moment.</p> : null}
          {persons.fields.map((person, index) => (
            <fieldset key={person.id} className="mb-4 rounded border border-gray-300 p-3">
              <legend className="px-1 font-semibold">Personne autorisée {index + 1}</legend>
              {text(`contacts.authorizedPersons.${index}.fullName`, "Nom et prénom", { required: true })}
              {text(`contacts.authorizedPersons.${index}.phone`, "Téléphone", { required: true, type: "tel" })}
              {text(`contacts.authorizedPersons.${index}.relationship`, "Lien avec l'enfant", {
                required: true,
                hint: "Exemple : grand-mère, voisin",
              })}
              <Button variant="secondary" onClick={() => persons.remove(index)}>
                Retirer la personne {index + 1}
              </Button>
            </fieldset>
          ))}
          {persons.fields.length < 6 ? (
            <Button variant="secondary" onClick={() => persons.append({ fullName: "", phone: "", relationship: "" })}>
              Ajouter une personne autorisée
            </Button>
          ) : null}
        </div>

        <div hidden={step !== 3}>
          <RadioGroup
            id="consents-photoConsent"
            legend="Droit à l'image"
            hint="L'enfant peut être photographié ou filmé pendant les activités."
            required
            registration={form.register("consents.photoConsent")}
            error={errorAt(errors, "consents.photoConsent")}
            options={YES_NO}
          />
          <RadioGroup
            id="consents-canLeaveAlone"
            legend="Sortie seul"
            hint="L'enfant peut quitter l'accueil seul."
            required
            registration={form.register("consents.canLeaveAlone")}
            error={errorAt(errors, "consents.canLeaveAlone")}
            options={YES_NO}
          />
          <RadioGroup
            id="consents-emergencyCareConsent"
            legend="Soins d'urgence"
            hint="L'équipe peut faire appel aux secours et faire soigner l'enfant en urgence."
            required
            registration={form.register("consents.emergencyCareConsent")}
            error={errorAt(errors, "consents.emergencyCareConsent")}
            options={YES_NO}
          />
        </div>
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
    </form>
  );
}

/** The whole child, read back before saving, each part with its « Modifier ». */
function Review({ values, onEdit }: { values: ChildFormInput; onEdit: (step: number) => void }) {
  const { identity, health, contacts, consents } = values;
  const sections: { title: string; step: number; rows: [string, string][] }[] = [
    {
      title: "Informations personnelles",
      step: 0,
      rows: [
        ["Nom", identity.lastName],
        ["Prénom", identity.firstName],
        ["Date de naissance", identity.birthDate],
        ["Sexe", identity.sex === "F" ? "Fille" : identity.sex === "M" ? "Garçon" : "—"],
        ["École", identity.school || "—"],
        ["Classe", identity.schoolClass || "—"],
      ],
    },
    {
      title: "Santé et CAF",
      step: 1,
      rows: [
        ["Allergies", health.hasAllergies === "oui" ? `Oui — ${health.allergyNotes ?? ""}` : yesNo(health.hasAllergies)],
        ["PAI", yesNo(health.hasPai)],
        ["Type de repas", MEAL_TYPES[health.mealType as keyof typeof MEAL_TYPES] ?? "—"],
        ["Médecin traitant", health.doctorName || "—"],
        ["Numéro d'allocataire CAF", health.cafAllocataireNumber || "—"],
      ],
    },
    {
      title: "Personnes autorisées",
      step: 2,
      rows:
        contacts.authorizedPersons.length === 0
          ? [["Personnes autorisées", "Aucune"]]
          : contacts.authorizedPersons.map(
              (p, i) => [`Personne ${i + 1}`, `${p.fullName} (${p.relationship}) — ${p.phone}`] as [string, string],
            ),
    },
    {
      title: "Autorisations",
      step: 3,
      rows: [
        ["Droit à l'image", yesNo(consents.photoConsent)],
        ["Sortie seul", yesNo(consents.canLeaveAlone)],
        ["Soins d'urgence", yesNo(consents.emergencyCareConsent)],
      ],
    },
  ];
  return (
    <div className="flex flex-col gap-4">
      {sections.map((section) => (
        <section key={section.title} aria-label={section.title} className="border-b border-gray-200 pb-3 last:border-0">
          <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
            <h3 className="font-bold">{section.title}</h3>
            <Button variant="quiet" size="sm" onClick={() => onEdit(section.step)} aria-label={`Modifier : ${section.title}`}>
              <Pencil aria-hidden="true" className="size-4" /> Modifier
            </Button>
          </div>
          <dl className="grid gap-x-4 text-sm sm:grid-cols-[12rem_1fr]">
            {section.rows.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="font-semibold text-gray-800">{term}</dt>
                <dd className="mb-1 sm:mb-0">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
