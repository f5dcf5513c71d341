import type { UseFieldArrayReturn } from "react-hook-form";
import { RadioGroup, YES_NO } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import type { ChildFormInput } from "@/lib/families/schemas";
import { errorAt } from "./child-form-errors";
import { ChildTextField, type ChildStepProps } from "./child-text-field";

/** Step 3, « Personnes autorisées »: up to six people who may collect the child, each with its « Retirer ». */
export function ChildContactsStep({
  form,
  errors,
  persons,
  hidden,
}: ChildStepProps & { persons: UseFieldArrayReturn<ChildFormInput, "contacts.authorizedPersons">; hidden: boolean }) {
  const field = { form, errors };
  return (
    <div hidden={hidden}>
      <p className="mb-3">Personnes autorisées à venir chercher l&apos;enfant (en plus des responsables légaux).</p>
      {persons.fields.length === 0 ? <p className="mb-3 text-gray-700">Aucune personne pour le moment.</p> : null}
      {persons.fields.map((person, index) => (
        <fieldset key={person.id} className="mb-4 rounded border border-gray-300 p-3">
          <legend className="px-1 font-semibold">Personne autorisée {index + 1}</legend>
          <ChildTextField {...field} name={`contacts.authorizedPersons.${index}.fullName`} label="Nom et prénom" required />
          <ChildTextField {...field} name={`contacts.authorizedPersons.${index}.phone`} label="Téléphone" required type="tel" />
          <ChildTextField
            {...field}
            name={`contacts.authorizedPersons.${index}.relationship`}
            label="Lien avec l'enfant"
            required
            hint="Exemple : grand-mère, voisin"
          />
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
  );
}

/** Step 4, « Autorisations »: photos, leaving alone, emergency care. */
export function ChildConsentsStep({ form, errors, hidden }: ChildStepProps & { hidden: boolean }) {
  return (
    <div hidden={hidden}>
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
  );
}
