import type { Metadata } from "next";
import Link from "next/link";
import { Search } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { inputClass, linkClass } from "@/components/ui/classes";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { count } from "@/lib/format";
import { staffPage } from "@/lib/auth/session";
import { searchFamilies } from "@/lib/families/search-families";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Familles" };

export default async function FamiliesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await staffPage("/admin/familles", searchParams);
  const { q } = await searchParams;
  const query = typeof q === "string" ? q : "";
  const families = await searchFamilies(query);
  const rows: DataRow[] = families.map((family) => ({
    id: family.id,
    label: family.name,
    search: `${family.name} ${family.adults.map((a) => `${a.firstName} ${a.lastName}`).join(" ")} ${family.users.map((u) => u.email).join(" ")} ${family.children.map((c) => c.firstName).join(" ")} ${family.city}`,
    sort: { famille: family.name, ville: family.city, enfants: family.children.length },
    cells: {
      famille: (
        <Link href={`/admin/familles/${family.id}`} className={linkClass}>
          {family.name}
        </Link>
      ),
      adultes: family.adults.map((a) => `${a.firstName} ${a.lastName}`).join(", "),
      emails: <span className="break-all">{family.users.map((u) => u.email).join(", ")}</span>,
      enfants: family.children.length === 0 ? "aucun" : family.children.map((c) => c.firstName).join(", "),
      ville: family.city,
    },
  }));
  return (
    <Page width="wide">
      <PageHeader title="Familles" breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]} />
      <Card className="mb-4">
        <form method="get" role="search" className="flex flex-wrap items-end gap-3">
          <div className="flex min-w-0 flex-[1_1_16rem] flex-col gap-1">
            <label htmlFor="q" className="font-semibold">
              Rechercher une famille
            </label>
            <p id="q-aide" className="text-sm text-gray-700">
              Nom, e-mail ou prénom d&apos;un enfant
            </p>
            <input id="q" name="q" type="search" defaultValue={query} maxLength={100} className={inputClass} aria-describedby="q-aide" />
          </div>
          <Button type="submit">
            <Search aria-hidden="true" className="size-5" /> Rechercher
          </Button>
        </form>
      </Card>
      <p className="mb-2" role="status">
        {count(families.length, "famille")}
        {query ? ` pour « ${query} »` : ""}
      </p>
      <DataTable
        caption="Familles"
        rows={rows}
        emptyTitle="Aucune famille ne correspond"
        filterLabel="Filtrer ces résultats"
        initialSort={{ key: "famille" }}
        columns={[
          { key: "famille", header: "Famille", sortable: true, rowHeader: true },
          { key: "adultes", header: "Responsables" },
          { key: "emails", header: "E-mails de connexion" },
          { key: "enfants", header: "Enfants", sortable: true },
          { key: "ville", header: "Ville", sortable: true },
        ]}
      />
    </Page>
  );
}
