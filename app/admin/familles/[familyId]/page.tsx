import type { Metadata } from "next";
import { Details, EditableSection } from "@/components/ui/editable-section";
import { PageHeader } from "@/components/ui/page-header";
import { LinkButton } from "@/components/ui/link-button";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { allowedActions, statusLabel, isIn, USER_STATUSES } from "@/lib/workflow/machines";
import { getFamilyFile } from "@/lib/families/get-family-file";
import { getFamilyHistory } from "@/lib/families/get-family-history";
import { MEAL_TYPES } from "@/lib/families/child-options";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { ageLabel } from "@/lib/format-age";
import { SchemaForm } from "@/components/form/schema-form";
import { ADDRESS_FIELDS, ADULT_FIELDS, PHONES_FIELDS, PREFERENCES_FIELDS, QUOTIENT_FIELDS } from "@/components/family/field-specs";
import { StatusBadge } from "@/components/ui/status-badge";
import { FlashMessage } from "@/components/ui/toast";
import { DecisionControls } from "@/components/admin/decision-controls";
import { listFamilyInscriptions } from "@/lib/inscriptions/list-inscriptions";
import { cancelInscriptionAction } from "@/app/admin/inscriptions/actions";
import { LoginEmailForm } from "@/components/admin/login-email-form";
import {
  deactivateAccountAction,
  reactivateAccountAction,
  staffChangeLoginEmailAction,
  staffUpdateAddressAction,
  staffUpdateAdultAction,
  staffUpdatePhonesAction,
  staffUpdatePreferencesAction,
  staffUpdateQuotientAction,
  anonymiseFamilyAction,
} from "./actions";
import { AnonymiseButton } from "@/components/admin/anonymise-button";
import { Page } from "@/components/ui/page";
import { cardClass } from "@/components/ui/classes";

export const metadata: Metadata = { title: "Famille" };

const text = (value: string | number | null | undefined) => (value === null || value === undefined ? "" : String(value));

export default async function StaffFamilyPage({ params }: { params: Promise<{ familyId: string }> }) {
  const { familyId } = await params;
  await staffPage(`/admin/familles/${familyId}`);
  const family = await getFamilyFile(familyId);
  if (!family) notFound();
  const [history, inscriptions] = await Promise.all([getFamilyHistory(familyId, new Date()), listFamilyInscriptions(familyId, "STAFF")]);
  return (
    <Page width="wide">
      <PageHeader
        title={family.name}
        breadcrumbs={[{ label: "Familles", href: "/admin/familles" }]}
        description={`${family.adults.length} ${family.adults.length > 1 ? "adultes" : "adulte"}, ${family.children.length} ${family.children.length > 1 ? "enfants" : "enfant"}`}
      />
      <FlashMessage />
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <LinkButton variant="secondary" href={`/admin/facturation/familles/${familyId}`}>
          Compte et factures
        </LinkButton>
        {family.anonymisedAt ? (
          <p className="font-semibold">Famille anonymisée le {formatDateTime(family.anonymisedAt)} (RGPD).</p>
        ) : (
          <AnonymiseButton familyId={familyId} familyName={family.name} action={anonymiseFamilyAction} />
        )}
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <EditableSection
          title="Adresse"
          titleId="adresse"
          editLabel="Modifier l'adresse"
          view={
            <Details
              rows={[
                ["Adresse", [family.street, family.addressComplement, `${family.postalCode} ${family.city}`].filter(Boolean).join(", ")],
              ]}
            />
          }
          form={
            <SchemaForm
              schema="address"
              idPrefix="adresse"
              fields={ADDRESS_FIELDS}
              hidden={{ familyId }}
              submitLabel="Enregistrer l'adresse"
              action={staffUpdateAddressAction}
              defaultValues={{
                street: family.street,
                addressComplement: text(family.addressComplement),
                postalCode: family.postalCode,
                city: family.city,
              }}
            />
          }
        />
        <EditableSection
          title="Quotient familial et CAF"
          titleId="quotient"
          editLabel="Modifier le quotient familial"
          view={
            <Details
              rows={[
                ["Quotient familial", text(family.quotientFamilial)],
                ["Numéro d'allocataire CAF", text(family.cafNumber)],
              ]}
            />
          }
          form={
            <SchemaForm
              schema="quotient"
              idPrefix="quotient"
              fields={QUOTIENT_FIELDS}
              hidden={{ familyId }}
              submitLabel="Enregistrer le quotient"
              action={staffUpdateQuotientAction}
              defaultValues={{ quotientFamilial: text(family.quotientFamilial), cafNumber: text(family.cafNumber) }}
            />
          }
        />
      </div>

      <h2 className="mb-2 mt-6 text-xl font-bold">Adultes</h2>
      <div className="grid gap-4 lg:grid-cols-2">
        {family.adults.map((adult, index) => (
          <section key={adult.id} className={cardClass} aria-labelledby={`adulte-${index}`}>
            <h3 id={`adulte-${index}`} className="mb-2 text-lg font-bold">
              {adult.firstName} {adult.lastName.toUpperCase()}
            </h3>
            {adult.user ? (
              <>
                <EditableSection
                  title="Connexion"
                  titleId={`connexion-titre-${index}`}
                  className="mb-3 border-0 p-0 shadow-none"
                  editLabel={`Modifier l'e-mail de connexion de ${adult.firstName}`}
                  view={<Details rows={[["E-mail de connexion", adult.user.email]]} />}
                  form={
                    <LoginEmailForm
                      idPrefix={`connexion-${index}`}
                      familyId={familyId}
                      userId={adult.user.id}
                      email={adult.user.email}
                      action={staffChangeLoginEmailAction}
                    />
                  }
                />
                <div className="mb-4 border-b border-gray-200 pb-4">
                  <p className="font-semibold">
                    Compte de connexion : {statusLabel("USER_ACCOUNT", adult.user.status)}
                    {!isIn(USER_STATUSES.CAN_SIGN_IN, adult.user.status) ? " (connexion impossible)" : ""}
                  </p>
                  <ul className="text-sm">
                    {history.log
                      .filter((entry) => entry.entityId === adult.user?.id && entry.from !== null)
                      .map((entry) => (
                        <li key={entry.id}>
                          {formatDateTime(entry.at)} — {entry.to} par {entry.who}
                          {entry.reason ? ` (motif : ${entry.reason})` : ""}
                        </li>
                      ))}
                  </ul>
                  <DecisionControls
                    id={adult.user.id}
                    subject={`compte de ${adult.firstName} ${adult.lastName.toUpperCase()}`}
                    hidden={{ familyId }}
                    refuse={
                      allowedActions("USER_ACCOUNT", adult.user.status, "STAFF").deactivate
                        ? deactivateAccountAction
                        : reactivateAccountAction
                    }
                    refuseLabel={
                      allowedActions("USER_ACCOUNT", adult.user.status, "STAFF").deactivate ? "Désactiver le compte" : "Réactiver le compte"
                    }
                    reasonLabel={
                      allowedActions("USER_ACCOUNT", adult.user.status, "STAFF").deactivate
                        ? "Motif de la désactivation"
                        : "Motif de la réactivation"
                    }
                  />
                </div>
              </>
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
                    action={staffUpdateAdultAction}
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
                    action={staffUpdatePhonesAction}
                    defaultValues={{
                      homePhone: text(adult.homePhone),
                      mobilePhone: text(adult.mobilePhone),
                      workPhone: text(adult.workPhone),
                    }}
                  />
                  <h4 className="mb-2 mt-4 font-bold">Situation professionnelle</h4>
                  <SchemaForm
                    schema="preferences"
                    idPrefix={`situation-${index}`}
                    fields={PREFERENCES_FIELDS}
                    hidden={{ familyId, adultId: adult.id }}
                    submitLabel="Enregistrer la situation"
                    action={staffUpdatePreferencesAction}
                    defaultValues={{ profession: text(adult.profession), employer: text(adult.employer) }}
                  />
                </>
              }
            />
          </section>
        ))}
      </div>

      <h2 className="mb-2 mt-6 text-xl font-bold">Enfants</h2>
      {family.children.length === 0 ? <p>Aucun enfant.</p> : null}
      <ul className="grid gap-4 lg:grid-cols-2">
        {family.children.map((child) => (
          <li key={child.id} className={cardClass}>
            <h3 className="text-lg font-bold">
              {child.firstName} {child.lastName.toUpperCase()}
            </h3>
            <p className="text-sm">
              {child.sex === "F" ? "Née" : "Né"} le {formatCalendarDate(child.birthDate)} ({ageLabel(child.birthDate)}) —{" "}
              {statusLabel("CHILD", child.status)}
            </p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="font-semibold">Allergies</dt>
              <dd>{child.hasAllergies ? `Oui — ${child.allergyNotes ?? ""}` : "Non"}</dd>
              <dt className="font-semibold">PAI</dt>
              <dd>{child.hasPai ? "Oui" : "Non"}</dd>
              <dt className="font-semibold">Repas</dt>
              <dd>{MEAL_TYPES[child.mealType]}</dd>
              <dt className="font-semibold">Médecin</dt>
              <dd>{[child.doctorName, child.doctorPhone].filter(Boolean).join(", ") || "—"}</dd>
              <dt className="font-semibold">Personnes autorisées</dt>
              <dd>
                {child.authorizedPersons.length === 0
                  ? "Aucune"
                  : child.authorizedPersons.map((p) => `${p.fullName} (${p.relationship}, ${p.phone})`).join(" ; ")}
              </dd>
            </dl>
            <p className="mt-2">
              <LinkButton
                href={`/admin/familles/${familyId}/enfants/${child.id}`}
                variant="secondary"
                aria-label={`Modifier ${child.firstName}`}
              >
                Modifier
              </LinkButton>
            </p>
          </li>
        ))}
      </ul>

      <h2 className="mb-2 mt-6 text-xl font-bold">Inscriptions</h2>
      {inscriptions.length === 0 ? (
        <p>Aucune inscription.</p>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {inscriptions.map((inscription) => {
            const subject = `inscription de ${inscription.child.firstName} — ${inscription.activity.name} (${inscription.period.name})`;
            return (
              <li key={inscription.id} className={cardClass}>
                <article aria-label={subject}>
                  <p className="font-semibold">
                    {inscription.child.firstName} — {inscription.activity.name}
                  </p>
                  <p className="text-sm">
                    {inscription.period.name}
                    {inscription.ageGroup ? ` · ${inscription.ageGroup.name}` : ""} — du {formatCalendarDate(inscription.startDate)} au{" "}
                    {formatCalendarDate(inscription.endDate)}
                  </p>
                  <p className="mt-1">
                    <StatusBadge
                      code={inscription.marker.symbol}
                      label={`${inscription.marker.label}${inscription.position ? ` (position ${inscription.position})` : ""}`}
                      tone={inscription.marker.tone}
                    />
                  </p>
                  {inscription.reason && inscription.can.showReason ? <p className="text-sm">Motif : {inscription.reason}</p> : null}
                  {inscription.can.cancel ? (
                    <DecisionControls
                      id={inscription.id}
                      subject={subject}
                      refuse={cancelInscriptionAction}
                      refuseLabel="Annuler l'inscription"
                      reasonLabel="Motif de l'annulation"
                    />
                  ) : null}
                </article>
              </li>
            );
          })}
        </ul>
      )}

      <h2 className="mb-2 mt-6 text-xl font-bold">Historique des demandes</h2>
      {history.requests.length === 0 ? (
        <p>Aucune demande.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {history.requests.map((request) => (
            <li key={request.id} className={cardClass}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-semibold">{request.label}</span>
                <StatusBadge label={request.state.label} tone={request.state.tone} />
              </div>
              <ul className="mt-1 text-sm">
                {history.log
                  .filter((l) => l.entityId === request.id)
                  .map((entry) => (
                    <li key={entry.id}>
                      {formatDateTime(entry.at)} — {entry.from ? `${entry.from} → ` : "envoyée : "}
                      {entry.to} par {entry.who}
                      {entry.reason ? ` (motif : ${entry.reason})` : ""}
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
      )}

      <h2 className="mb-2 mt-6 text-xl font-bold" id="modifications-accueil">
        Modifications faites par l&apos;accueil
      </h2>
      {history.staffEdits.length === 0 ? (
        <p>Aucune modification directe.</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-labelledby="modifications-accueil">
          {history.staffEdits.map((edit) => (
            <li key={edit.id} className={cardClass}>
              <p className="font-semibold">
                {edit.what} — {formatDateTime(edit.at)} par {edit.who}
              </p>
              <ul className="mt-1 text-sm">
                {edit.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
