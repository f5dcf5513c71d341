import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { listStructures } from "@/lib/activities/manage-structures";
import { computeCafFigures } from "@/lib/billing/caf-figures/compute-caf-figures";
import { cafPeriod, decimalHours } from "@/lib/billing/caf-figures/periods";
import { monthOf, parisDay, previousMonth } from "@/lib/calendar/paris";
import { formatCalendarDate, formatMonth } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { FilterForm, FilterSelect } from "@/components/admin/filter-select";
import { Page } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";

export const metadata: Metadata = { title: "Chiffres pour la CAF" };

const HOURS_COLUMNS = [
  { key: "realisesMoins6", header: "Réalisées < 6 ans" },
  { key: "realises6", header: "Réalisées 6 ans et +" },
  { key: "factureesMoins6", header: "Facturées < 6 ans" },
  { key: "facturees6", header: "Facturées 6 ans et +" },
];

/**
 * « Chiffres pour la CAF » (ADR 057): per lieu and period (a month, a year), the hours réalisées (pointage) and facturées
 * of each child, under 6 / 6 and over, per care type, with the totals the ALSH declaration asks for; the same as CSV.
 */
export default async function CafFiguresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffPage("/admin/facturation/caf", searchParams);
  const params = await searchParams;
  const structures = await listStructures(staff.scope);
  const structure = structures.find((s) => s.id === params.lieu) ?? structures[0];
  const today = parisDay(new Date());
  const thisYear = Number(today.slice(0, 4));
  const months = Array.from({ length: 24 }, (_, i) => i).reduce<string[]>(
    (list) => [...list, previousMonth(list.at(-1)!)],
    [monthOf(today)],
  );
  const choices = [
    ...months.map((m) => ({ id: m, name: formatMonth(m).replace(/^./, (c) => c.toUpperCase()) })),
    ...[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ id: String(y), name: `Année ${y}` })),
  ];
  const chosen =
    typeof params.periode === "string" && choices.some((c) => c.id === params.periode) ? params.periode : previousMonth(monthOf(today));
  const period = cafPeriod(chosen)!;
  const header = (
    <PageHeader
      title="Chiffres pour la CAF"
      breadcrumbs={[
        { label: "Tableau de bord", href: "/admin" },
        { label: "Facturation", href: "/admin/facturation" },
      ]}
      description="Heures réalisées (enfants pointés présents) et heures facturées (présences, absences facturées, réservations facturées) de chaque enfant, avant 6 ans et à partir de 6 ans (l'âge le jour de chaque unité), par type d'accueil : ce que demande la déclaration de données d'activité de l'accueil de loisirs."
    />
  );
  if (!structure)
    return (
      <Page width="wide">
        {header}
        <EmptyState title="Aucun lieu d'accueil">Créez d&apos;abord un lieu d&apos;accueil.</EmptyState>
      </Page>
    );
  const figures = await computeCafFigures({ structureId: structure.id, from: period.from, to: period.to, scope: staff.scope });
  const h = (minutes: number) => `${decimalHours(minutes)} h`;
  const totalRows: DataRow[] = figures.totals.map((t) => ({
    id: t.careKind,
    label: `Total ${t.careType}`,
    cells: {
      type: t.careType,
      categorie: t.category,
      enfants: `${t.childrenUnder6} de moins de 6 ans, ${t.children6Plus} de 6 ans et plus`,
      realisesMoins6: h(t.realisedUnder6),
      realises6: h(t.realised6Plus),
      factureesMoins6: h(t.billedUnder6),
      facturees6: h(t.billed6Plus),
    },
  }));
  const childRows: DataRow[] = figures.rows.map((r) => ({
    id: `${r.childId}-${r.careKind}`,
    label: `${r.firstName} ${r.lastName}, ${r.careType}`,
    search: `${r.lastName} ${r.firstName} ${r.cafNumber}`,
    sort: { enfant: `${r.lastName} ${r.firstName}`, type: r.careType },
    cells: {
      enfant: `${r.lastName} ${r.firstName}`,
      naissance: formatCalendarDate(r.birthDate),
      allocataire: r.cafNumber || "—",
      type: r.careType,
      realisesMoins6: h(r.realisedUnder6),
      realises6: h(r.realised6Plus),
      factureesMoins6: h(r.billedUnder6),
      facturees6: h(r.billed6Plus),
    },
  }));
  const csvHref = `/admin/facturation/caf/export?lieu=${encodeURIComponent(structure.id)}&periode=${encodeURIComponent(period.key)}`;
  return (
    <Page width="wide">
      {header}
      <FilterForm label="Lieu d'accueil et période">
        <FilterSelect id="caf-lieu" name="lieu" label="Lieu d'accueil" value={structure.id} choices={structures} />
        <FilterSelect id="caf-periode" name="periode" label="Période" value={period.key} choices={choices} />
      </FilterForm>
      <h2 id="caf-periode-titre" className="mb-2 text-xl font-bold">
        {period.label.replace(/^./, (c) => c.toUpperCase())} — {structure.name}
      </h2>
      <p className="mb-4">
        <a className={`${linkClass} inline-flex min-h-11 items-center`} href={csvHref} download>
          Télécharger les chiffres (CSV)
        </a>
      </p>
      {figures.rows.length === 0 ? (
        <EmptyState title="Aucune heure réalisée ni facturée sur cette période" />
      ) : (
        <>
          <h3 className="mb-2 text-lg font-bold">Totaux par type d&apos;accueil</h3>
          <div className="mb-6">
            <DataTable
              caption={`Totaux — ${period.label}`}
              rows={totalRows}
              columns={[
                { key: "type", header: "Type d'accueil", rowHeader: true },
                { key: "categorie", header: "Catégorie CAF" },
                { key: "enfants", header: "Enfants" },
                ...HOURS_COLUMNS,
              ]}
            />
          </div>
          <h3 className="mb-2 text-lg font-bold">Par enfant</h3>
          <DataTable
            caption={`Heures par enfant — ${period.label}`}
            rows={childRows}
            filterLabel="Filtrer (nom, n° allocataire)"
            columns={[
              { key: "enfant", header: "Enfant", sortable: true, rowHeader: true },
              { key: "naissance", header: "Né(e) le" },
              { key: "allocataire", header: "N° allocataire" },
              { key: "type", header: "Type d'accueil", sortable: true },
              ...HOURS_COLUMNS,
            ]}
          />
        </>
      )}
    </Page>
  );
}
