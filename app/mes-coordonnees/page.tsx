import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parentPage } from "@/lib/auth/session";
import { getFamilyFile } from "@/lib/families/get-family-file";
import { formatDate } from "@/lib/format";
import { SchemaForm } from "@/components/form/schema-form";
import { ADDRESS_FIELDS, PHONES_FIELDS, PREFERENCES_FIELDS, QUOTIENT_FIELDS } from "@/components/family/field-specs";
import { SignOutEverywhereButton } from "@/components/auth/sign-out-everywhere-button";
import { signOutEverywhereAction } from "@/app/compte/actions";
import {
  requestAddressChangeAction,
  requestPhonesChangeAction,
  requestQuotientChangeAction,
  updatePreferencesAction,
  updateRemindersAction,
} from "./actions";
import { getReminderSettings, REMINDER_KINDS } from "@/lib/reservations/send-reminders";
import { Page, PageTitle } from "@/components/ui/page";
import { cardClass, fieldClass, labelClass, hintClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { buttonVariants } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";

export const metadata: Metadata = { title: "Mes coordonnées" };

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

function PendingNotice({
  request,
  describe,
}: {
  request?: { after: unknown; createdAt: Date };
  describe: (after: Record<string, unknown>) => string;
}) {
  if (!request) return null;
  return (
    <Alert tone="info" live={false}>
      Demande de modification en attente de traitement (envoyée le {formatDate(request.createdAt)}) :{" "}
      {describe(request.after as Record<string, unknown>)}
    </Alert>
  );
}

export default async function MyDetailsPage() {
  const user = await parentPage("/mes-coordonnees");
  const family = await getFamilyFile(user.familyId);
  if (!family) notFound();
  const me = family.adults.find((a) => a.user?.id === user.id) ?? family.adults[0];
  const pending = (kind: string, targetId: string) => family.changeRequests.find((r) => r.kind === kind && r.targetId === targetId);
  return (
    <Page>
      <PageTitle id="titre-page" tabIndex={-1}>
        Mes coordonnées
      </PageTitle>
      <section className={cn(cardClass, "mb-4")} aria-labelledby="identite">
        <h2 id="identite" className="mb-2 text-lg font-bold">
          Identité
        </h2>
        <p>
          {me.civility === "MME" ? "Madame" : "Monsieur"} {me.firstName} {me.lastName.toUpperCase()}
        </p>
        <div className={cn(fieldClass, "mt-3")}>
          <label htmlFor="email-compte" className={labelClass}>
            E-mail
          </label>
          <p id="email-aide" className={hintClass}>
            Pour modifier votre adresse e-mail, contactez la structure.
          </p>
          <Input id="email-compte" className="bg-gray-100" value={user.email} readOnly aria-describedby="email-aide" />
        </div>
      </section>

      <section className={cn(cardClass, "mb-4")} aria-labelledby="adresse">
        <h2 id="adresse" className="mb-2 text-lg font-bold">
          Adresse du foyer
        </h2>
        <PendingNotice
          request={pending("ADDRESS", family.id)}
          describe={(a) =>
            `${text(a.street)}${a.addressComplement ? `, ${text(a.addressComplement)}` : ""}, ${text(a.postalCode)} ${text(a.city)}`
          }
        />
        <SchemaForm
          schema="address"
          idPrefix="adresse"
          fields={ADDRESS_FIELDS}
          submitLabel="Demander la modification de l'adresse"
          action={requestAddressChangeAction}
          defaultValues={{
            street: family.street,
            addressComplement: text(family.addressComplement),
            postalCode: family.postalCode,
            city: family.city,
          }}
        />
      </section>

      <section className={cn(cardClass, "mb-4")} aria-labelledby="telephones">
        <h2 id="telephones" className="mb-2 text-lg font-bold">
          Mes téléphones
        </h2>
        <PendingNotice
          request={pending("PHONES", me.id)}
          describe={(a) => [a.mobilePhone, a.homePhone, a.workPhone].filter(Boolean).map(text).join(", ")}
        />
        <SchemaForm
          schema="phones"
          idPrefix="telephones"
          fields={PHONES_FIELDS}
          hidden={{ adultId: me.id }}
          submitLabel="Demander la modification des téléphones"
          action={requestPhonesChangeAction}
          defaultValues={{ homePhone: text(me.homePhone), mobilePhone: text(me.mobilePhone), workPhone: text(me.workPhone) }}
        />
      </section>

      <section className={cn(cardClass, "mb-4")} aria-labelledby="quotient-titre" id="quotient">
        <h2 id="quotient-titre" className="mb-2 text-lg font-bold">
          Quotient familial et CAF
        </h2>
        <PendingNotice
          request={pending("QUOTIENT_FAMILIAL", family.id)}
          describe={(a) => `QF ${text(a.quotientFamilial)} €, n° ${text(a.cafNumber)}`}
        />
        <SchemaForm
          schema="quotient"
          idPrefix="quotient"
          fields={QUOTIENT_FIELDS}
          submitLabel="Demander la modification du quotient"
          action={requestQuotientChangeAction}
          defaultValues={{ quotientFamilial: text(family.quotientFamilial), cafNumber: text(family.cafNumber) }}
        />
      </section>

      <section className={cn(cardClass, "mb-4")} aria-labelledby="preferences">
        <h2 id="preferences" className="mb-2 text-lg font-bold">
          Situation professionnelle
        </h2>
        <p className="mb-2 text-sm text-gray-700">Modifié sans validation par la structure.</p>
        <SchemaForm
          schema="preferences"
          idPrefix="preferences"
          fields={PREFERENCES_FIELDS}
          hidden={{ adultId: me.id }}
          submitLabel="Enregistrer"
          action={updatePreferencesAction}
          defaultValues={{ profession: text(me.profession), employer: text(me.employer) }}
        />
      </section>

      <section className={cn(cardClass, "mb-4")} aria-labelledby="rappels">
        <h2 id="rappels" className="mb-2 text-lg font-bold">
          Rappels par e-mail
        </h2>
        <p className="mb-2 text-sm text-gray-700">
          Vos choix s&apos;appliquent tout de suite. Les réponses de la structure à vos demandes vous sont toujours envoyées.
        </p>
        <SchemaForm
          schema="reminders"
          idPrefix="rappels"
          submitLabel="Enregistrer mes rappels"
          action={updateRemindersAction}
          fields={[
            {
              name: "remindersOn",
              label: "Je reçois un rappel pour",
              type: "checkboxes",
              options: REMINDER_KINDS.map((k) => ({ value: k.kind, label: k.label })),
            },
          ]}
          defaultValues={{ remindersOn: await getReminderSettings(family.id) }}
        />
      </section>

      <section className={cn(cardClass, "mb-4")} aria-labelledby="securite">
        <h2 id="securite" className="mb-2 text-lg font-bold">
          Sécurité du compte
        </h2>
        <p className="mb-3 text-sm">
          Un téléphone perdu, un ordinateur partagé ? Fermez toutes vos sessions ouvertes, y compris celle-ci : il faudra vous reconnecter
          partout avec votre mot de passe.
        </p>
        <SignOutEverywhereButton action={signOutEverywhereAction} />
      </section>

      <section className={cn(cardClass, "mb-4")} aria-labelledby="donnees">
        <h2 id="donnees" className="mb-2 text-lg font-bold">
          Mes données personnelles
        </h2>
        <p className="mb-3 text-sm">
          Téléchargez en une fois tout ce que le portail garde sur votre famille : un fichier ZIP avec vos coordonnées, les fiches des
          enfants (santé comprise), les inscriptions, réservations, messages, factures et les documents envoyés.
        </p>
        <a className={buttonVariants({ variant: "secondary" })} href="/mes-coordonnees/export" download>
          Télécharger les données de ma famille (ZIP)
        </a>
      </section>
    </Page>
  );
}
