import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { parentPage } from "@/lib/auth/session";
import { SchemaForm } from "@/components/form/schema-form";
import { Page } from "@/components/ui/page";
import { Card } from "@/components/ui/card";
import { TextLink } from "@/components/ui/link-button";
import { cardClass, linkClass } from "@/components/ui/classes";
import { getFamilyMandates, mandateText } from "@/lib/billing/sepa/mandates";
import { CONSENT } from "@/lib/billing/sepa/schemas";
import { formatMonth } from "@/lib/format";
import { nextMonth, parisDay } from "@/lib/calendar/paris";
import { isIn, SEPA_MANDATE_STATUSES } from "@/lib/workflow";
import { signMandateAction } from "./actions";

export const metadata: Metadata = { title: "Mettre en place le prélèvement" };

/** « Mettre en place le prélèvement » (ADR 053): the parent signs a mandat SEPA online for one of the family's lieux. */
export default async function SignMandatePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await parentPage("/mes-factures/prelevement", searchParams);
  const params = await searchParams;
  const { mandates, signable } = await getFamilyMandates(user.familyId);
  // Several lieux: the parent picks one (its creditor's name is in the mandate's text); one: it is the one.
  const lieu = signable.length === 1 ? signable[0] : signable.find((l) => l.id === params.lieu);
  const fromMonth = formatMonth(nextMonth(parisDay(new Date()).slice(0, 7)));
  return (
    <Page>
      <PageHeader
        title="Mettre en place le prélèvement"
        breadcrumbs={[{ label: "Mes factures", href: "/mes-factures" }]}
        description={`Vos factures seront prélevées chaque mois, à partir de celles de ${fromMonth}. Avant chaque prélèvement, un e-mail vous en donne le montant et la date.`}
      />
      {signable.length === 0 ? (
        <Card>
          <p id="mandat-en-place" tabIndex={-1} className="mb-2">
            {mandates.some((m) => isIn(SEPA_MANDATE_STATUSES.ACTIVE, m.status))
              ? "Votre mandat de prélèvement est en place : il est affiché dans Mes factures, avec son PDF."
              : "Le prélèvement automatique n'est pas proposé par votre lieu d'accueil pour le moment."}
          </p>
          <TextLink href="/mes-factures">Retour à Mes factures</TextLink>
        </Card>
      ) : !lieu ? (
        <nav aria-label="Lieux d'accueil" className={cardClass}>
          <p className="mb-2">Pour quel lieu d&apos;accueil ?</p>
          <ul className="flex flex-col gap-2">
            {signable.map((l) => (
              <li key={l.id}>
                <Link className={linkClass} href={`/mes-factures/prelevement?lieu=${l.id}`}>
                  {l.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <Card title={`Mandat de prélèvement SEPA — ${lieu.creditor}`} titleId="mandat">
          <SchemaForm
            schema="sepaSign"
            idPrefix="mandat"
            hidden={{ structureId: lieu.id }}
            submitLabel="Signer le mandat"
            action={signMandateAction}
            toastOnSuccess
            focusAfter={["mandat-en-place", "titre-page"]}
            defaultValues={{ holderName: "", iban: "", bic: "", signedPlace: "", consent: [] }}
            fields={[
              {
                name: "holderName",
                label: "Titulaire du compte",
                required: true,
                autoComplete: "name",
                hint: "Nom et prénom, comme sur votre RIB.",
              },
              { name: "iban", label: "IBAN", required: true, hint: "Sur votre RIB : 27 caractères en France (FR76 …), espaces acceptés." },
              { name: "bic", label: "BIC", required: true, hint: "Sur votre RIB : 8 ou 11 caractères (exemple : BNPAFRPPXXX)." },
              { name: "signedPlace", label: "Lieu de signature", required: true, autoComplete: "address-level2", hint: "Votre ville." },
              {
                name: "consent",
                label: "Autorisation",
                type: "checkboxes",
                required: true,
                options: [{ value: CONSENT, label: mandateText(lieu.creditor) }],
              },
            ]}
          />
        </Card>
      )}
    </Page>
  );
}
