import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { listStructures } from "@/lib/activities/manage-structures";
import { listStructureTaxCertificates } from "@/lib/billing/tax-certificates/list-tax-certificates";
import { firstTaxYear, lastTaxYear } from "@/lib/billing/tax-certificates/rules";
import { parisDay } from "@/lib/calendar/paris";
import { count, formatCalendarDate, formatCents, formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { SchemaForm } from "@/components/form/schema-form";
import { FilterForm, FilterSelect } from "@/components/admin/filter-select";
import { Page } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";
import { publishTaxCertificatesAction } from "./actions";

export const metadata: Metadata = { title: "Attestations fiscales" };

/** « Attestations fiscales » (ADR 056): a lieu's attestations of frais de garde for a year, made and published in bulk. */
export default async function TaxCertificatesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await staffPage("/admin/facturation/attestations", searchParams);
  const params = await searchParams;
  const structures = await listStructures(staff.scope);
  const structure = structures.find((s) => s.id === params.lieu) ?? structures[0];
  const last = lastTaxYear(parisDay(new Date()));
  const years = Array.from({ length: Math.max(1, last - firstTaxYear + 1) }, (_, i) => last - i);
  const year = typeof params.annee === "string" && years.includes(Number(params.annee)) ? Number(params.annee) : last;
  const header = (
    <PageHeader
      title="Attestations fiscales"
      breadcrumbs={[
        { label: "Tableau de bord", href: "/admin" },
        { label: "Facturation", href: "/admin/facturation" },
      ]}
      description="Frais de garde des enfants de moins de 6 ans au 1er janvier : pour chaque famille et chaque enfant, ce qu'elle a payé dans l'année pour les activités retenues (repas exclus, aides et avoirs déduits)."
    />
  );
  if (!structure)
    return (
      <Page width="wide">
        {header}
        <EmptyState title="Aucun lieu d'accueil">Créez d&apos;abord un lieu d&apos;accueil.</EmptyState>
      </Page>
    );
  const certificates = await listStructureTaxCertificates({ structureId: structure.id, year, scope: staff.scope });
  const total = certificates.reduce((sum, c) => sum + c.amountCents, 0);
  const rows: DataRow[] = certificates.map((c) => {
    const child = `${c.child.firstName} ${c.child.lastName.toUpperCase()}`;
    return {
      id: c.id,
      label: `Attestation de ${child}, ${c.family.name}`,
      search: `${c.family.name} ${child}`,
      sort: { famille: c.family.name, enfant: child, montant: c.amountCents },
      cells: {
        famille: (
          <Link href={`/admin/facturation/familles/${c.family.id}`} className={linkClass}>
            {c.family.name}
          </Link>
        ),
        enfant: child,
        naissance: formatCalendarDate(c.child.birthDate),
        montant: formatCents(c.amountCents),
        publiee: formatDateTime(c.generatedAt),
        pdf: (
          <a href={`/factures/attestations/${c.id}`} className={linkClass} download>
            PDF<span className="sr-only"> de l&apos;attestation de {child}</span>
          </a>
        ),
      },
    };
  });
  return (
    <Page width="wide">
      {header}
      <FilterForm label="Lieu d'accueil et année">
        <FilterSelect id="attestations-lieu" name="lieu" label="Lieu d'accueil" value={structure.id} choices={structures} />
        <FilterSelect
          id="attestations-annee"
          name="annee"
          label="Année"
          value={String(year)}
          choices={years.map((y) => ({ id: String(y), name: String(y) }))}
        />
      </FilterForm>
      <h2 id="attestations-annee-titre" tabIndex={-1} className="mb-2 text-xl font-bold">
        Année {year} — {structure.name}
      </h2>
      <Card className="mb-6 max-w-2xl">
        <h3 className="mb-2 text-lg font-bold">Générer et publier les attestations {year}</h3>
        <p className="mb-2 text-sm">
          Une attestation par famille et par enfant né en {year - 6} ou après, pour les paiements reçus en {year}. Chacune est publiée dans
          les Téléchargements de sa famille et dans Mes factures ; chaque famille reçoit un e-mail. Relancée, la génération ne refait que
          les montants qui ont changé.
        </p>
        <p className="mb-3 text-sm">
          Les activités de restauration scolaire ne sont pas retenues (case « attestation fiscale » de chaque activité). Le SIRET du lieu se
          règle dans{" "}
          <Link className={linkClass} href={`/admin/structures/${structure.id}/identite`}>
            Identité du lieu
          </Link>
          .
        </p>
        <SchemaForm
          schema="taxCertificates"
          idPrefix="attestations"
          fields={[]}
          hidden={{ structureId: structure.id, year: String(year) }}
          defaultValues={{}}
          submitLabel="Générer et publier les attestations"
          focusAfter={["attestations-annee-titre"]}
          action={publishTaxCertificatesAction}
          toastOnSuccess
          confirm={{
            title: `Publier les attestations ${year} ?`,
            description: `Les familles de ${structure.name} qui ont payé en ${year} pour un enfant de moins de 6 ans reçoivent leur attestation et un e-mail.`,
            confirmLabel: "Générer et publier",
          }}
        />
      </Card>
      {certificates.length === 0 ? (
        <EmptyState title={`Aucune attestation publiée pour ${year}`}>Générez-les ci-dessus.</EmptyState>
      ) : (
        <>
          <p className="mb-2">
            {count(certificates.length, "attestation publiée", "attestations publiées")}, {formatCents(total)} au total.
          </p>
          <DataTable
            caption={`Attestations fiscales ${year} — ${structure.name}`}
            rows={rows}
            filterLabel="Filtrer (famille, enfant)"
            columns={[
              { key: "famille", header: "Famille", sortable: true, rowHeader: true },
              { key: "enfant", header: "Enfant", sortable: true },
              { key: "naissance", header: "Né(e) le" },
              { key: "montant", header: "Montant payé", sortable: true },
              { key: "publiee", header: "Publiée le" },
              { key: "pdf", header: "Attestation" },
            ]}
          />
        </>
      )}
    </Page>
  );
}
