import { Details, EditableSection } from "@/components/ui/editable-section";
import { SchemaForm } from "@/components/form/schema-form";
import { ADULT_FIELDS, PHONES_FIELDS, PREFERENCES_FIELDS } from "@/components/family/field-specs";
import { formatCalendarDate } from "@/lib/format";
import { AdultLoginAccount } from "./adult-login-account";
import { text, type DecisionAction, type FamilyAdult, type FamilyHistory, type LoginEmailAction, type SchemaFormAction } from "./types";
import { cardClass } from "@/components/ui/classes";

export interface AdultActions {
  changeLoginEmail: LoginEmailAction;
  deactivate: DecisionAction;
  reactivate: DecisionAction;
  updateAdult: SchemaFormAction;
  updatePhones: SchemaFormAction;
  updatePreferences: SchemaFormAction;
}

/** One adult of the family: its login (when it has one), then its identity, phones and situation, editable. */
export function AdultCard({
  adult,
  index,
  familyId,
  log,
  actions,
}: {
  adult: FamilyAdult;
  index: number;
  familyId: string;
  log: FamilyHistory["log"];
  actions: AdultActions;
}) {
  return (
    <section className={cardClass} aria-labelledby={`adulte-${index}`}>
      <h3 id={`adulte-${index}`} className="mb-2 text-lg font-bold">
        {adult.firstName} {adult.lastName.toUpperCase()}
      </h3>
      {adult.user ? (
        <AdultLoginAccount
          adult={adult}
          user={adult.user}
          index={index}
          familyId={familyId}
          log={log}
          changeLoginEmail={actions.changeLoginEmail}
          deactivate={actions.deactivate}
          reactivate={actions.reactivate}
        />
      ) : null}
      <EditableSection
        title="Identité et téléphones"
        titleId={`identite-${index}`}
        className="border-0 p-0 shadow-none"
        editLabel={`Modifier l'identité et les téléphones de ${adult.firstName}`}
        view={
          <Details
            rows={[
              ["Civilité", adult.civility === "MME" ? "Madame" : "Monsieur"],
              ["Date de naissance", adult.birthDate ? formatCalendarDate(adult.birthDate) : ""],
              ["Lien avec les enfants", text(adult.relationship)],
              ["E-mail de contact", text(adult.email)],
              [
                "Téléphones",
                [
                  adult.mobilePhone && `portable ${adult.mobilePhone}`,
                  adult.homePhone && `domicile ${adult.homePhone}`,
                  adult.workPhone && `travail ${adult.workPhone}`,
                ]
                  .filter(Boolean)
                  .join(" · "),
              ],
              ["Situation professionnelle", [adult.profession, adult.employer].filter(Boolean).join(", ")],
            ]}
          />
        }
        form={
          <>
            <SchemaForm
              schema="adult"
              idPrefix={`adulte-${index}`}
              fields={ADULT_FIELDS}
              hidden={{ familyId, adultId: adult.id }}
              submitLabel="Enregistrer"
              action={actions.updateAdult}
              defaultValues={{
                civility: adult.civility,
                lastName: adult.lastName,
                firstName: adult.firstName,
                birthDate: adult.birthDate ? adult.birthDate.toISOString().slice(0, 10) : "",
                mobilePhone: text(adult.mobilePhone),
                email: text(adult.email),
                relationship: text(adult.relationship),
              }}
            />
            <h4 className="mb-2 mt-4 font-bold">Téléphones</h4>
            <SchemaForm
              schema="phones"
              idPrefix={`telephones-${index}`}
              fields={PHONES_FIELDS}
              hidden={{ familyId, adultId: adult.id }}
              submitLabel="Enregistrer les téléphones"
              action={actions.updatePhones}
              defaultValues={{ homePhone: text(adult.homePhone), mobilePhone: text(adult.mobilePhone), workPhone: text(adult.workPhone) }}
            />
            <h4 className="mb-2 mt-4 font-bold">Situation professionnelle</h4>
            <SchemaForm
              schema="preferences"
              idPrefix={`situation-${index}`}
              fields={PREFERENCES_FIELDS}
              hidden={{ familyId, adultId: adult.id }}
              submitLabel="Enregistrer la situation"
              action={actions.updatePreferences}
              defaultValues={{ profession: text(adult.profession), employer: text(adult.employer) }}
            />
          </>
        }
      />
    </section>
  );
}
