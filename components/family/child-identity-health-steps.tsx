import { DateField, Field, RadioGroup, YES_NO, inputClass } from "@/components/ui/field";
import { MEAL_TYPES } from "@/lib/families/child-options";
import { errorAt } from "./child-form-errors";
import { ChildTextField, type ChildStepProps } from "./child-text-field";

/** Step 1, « Informations personnelles »: name, birth date, sex, school. */
export function ChildIdentityStep({ form, errors, hidden }: ChildStepProps & { hidden: boolean }) {
  const field = { form, errors };
  return (
    <div hidden={hidden}>
      <ChildTextField {...field} name="identity.lastName" label="Nom" required />
      <ChildTextField {...field} name="identity.firstName" label="Prénom" required />
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
      <ChildTextField {...field} name="identity.school" label="École" />
      <ChildTextField {...field} name="identity.schoolClass" label="Classe" hint="Exemple : PS, MS, GS, CP, CE1…" />
    </div>
  );
}

/** Step 2, « Santé et CAF »: allergies (with their notes when there are some), PAI, meals, doctor, CAF number. */
export function ChildHealthStep({ form, errors, hidden }: ChildStepProps & { hidden: boolean }) {
  const field = { form, errors };
  const hasAllergies = form.watch("health.hasAllergies");
  return (
    <div hidden={hidden}>
      <RadioGroup
        id="health-hasAllergies"
        legend="Allergies"
        required
        registration={form.register("health.hasAllergies")}
        error={errorAt(errors, "health.hasAllergies")}
        options={YES_NO}
      />
      {hasAllergies === "oui" ? (
        <ChildTextField
          {...field}
          name="health.allergyNotes"
          label="Précisions sur les allergies"
          required
          hint="Aliments, médicaments, conduite à tenir…"
        />
      ) : null}
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
      <ChildTextField {...field} name="health.dietNotes" label="Recommandations" hint="Régime, recommandations pour les repas" />
      <ChildTextField {...field} name="health.doctorName" label="Médecin traitant" />
      <ChildTextField {...field} name="health.doctorPhone" label="Téléphone du médecin" type="tel" />
      <ChildTextField {...field} name="health.cafAllocataireNumber" label="Numéro d'allocataire CAF" hint="7 à 10 chiffres, facultatif" />
    </div>
  );
}
