import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { searchFamilies } from "@/lib/families/search-families";

export const metadata: Metadata = { title: "Familles" };

export default async function FamiliesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await staffPage("/admin/familles");
  const { q } = await searchParams;
  const query = typeof q === "string" ? q : "";
  const families = await searchFamilies(query);
  return (
    <div className="page-wide">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>Familles</h1>
      <form method="get" role="search" className="card mb-4 flex flex-wrap items-end gap-3">
        <div className="field mb-0 flex-1">
          <label htmlFor="q" className="field-label">Rechercher une famille</label>
          <p id="q-aide" className="field-hint">Nom, e-mail ou prénom d&apos;un enfant</p>
          <input id="q" name="q" type="search" defaultValue={query} maxLength={100} className="input" aria-describedby="q-aide" />
        </div>
        <button type="submit" className="btn btn-primary">Rechercher</button>
      </form>
      <p className="mb-2" role="status">{families.length} famille{families.length > 1 ? "s" : ""}{query ? ` pour « ${query} »` : ""}</p>
      <ul className="grid gap-3 md:grid-cols-2">
        {families.map((family) => (
          <li key={family.id} className="card">
            <Link href={`/admin/familles/${family.id}`} className="link text-lg">{family.name}</Link>
            <p className="text-sm">{family.adults.map((a) => `${a.firstName} ${a.lastName}`).join(", ")} — {family.city}</p>
            <p className="break-all text-sm">{family.users.map((u) => u.email).join(", ")}</p>
            <p className="text-sm">Enfants : {family.children.length === 0 ? "aucun" : family.children.map((c) => c.firstName).join(", ")}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
