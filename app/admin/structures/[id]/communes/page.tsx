import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { Page } from "@/components/ui/page";
import { cardClass } from "@/components/ui/classes";
import { SchemaForm, type FieldSpec } from "@/components/form/schema-form";
import { staffPage } from "@/lib/auth/session";
import { getResidentCommunes } from "@/lib/activities/set-resident-communes";
import { count } from "@/lib/format";
import { setResidentCommunesAction } from "./actions";

export const metadata: Metadata = { title: "Communes résidentes" };

const FIELDS: FieldSpec[] = [
  {
    name: "communes",
    label: "Communes résidentes (une par ligne)",
    type: "textarea",
    rows: 8,
    hint: "Un code postal (59000) ou un nom de commune (Lille) par ligne ; majuscules et accents ignorés.",
  },
];

/** A lieu's résident communes (ADR 055): the families of these communes pay the résident tariff, the others « hors commune ». */
export default async function ResidentCommunesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await staffPage(`/admin/structures/${id}/communes`);
  const structure = await getResidentCommunes(id, staff.scope);
  if (!structure) notFound();
  return (
    <Page>
      <PageHeader
        title={`Communes résidentes — ${structure.name}`}
        breadcrumbs={[
          { label: "Activités", href: "/admin/activites" },
          { label: "Lieux d'accueil et calendrier", href: "/admin/structures" },
        ]}
      />
      <section className={cardClass} aria-labelledby="communes-titre">
        <h2 id="communes-titre" className="mb-2 text-xl font-bold">
          {structure.residentCommunes.length === 0 ? "Aucune commune" : count(structure.residentCommunes.length, "commune")}
        </h2>
        <p className="mb-3 text-sm">
          Une famille dont le code postal ou la commune est dans cette liste paie le tarif résident ; les autres paient le « tarif hors
          commune » de chaque tranche (onglet « Unités et tarifs » de l&apos;activité). Sans liste, le statut « résident » de la fiche
          famille s&apos;applique.
        </p>
        <SchemaForm
          schema="residentCommunes"
          idPrefix="communes"
          fields={FIELDS}
          hidden={{ structureId: structure.id }}
          submitLabel="Enregistrer les communes"
          action={setResidentCommunesAction}
          defaultValues={{ communes: structure.residentCommunes.join("\n") }}
        />
      </section>
    </Page>
  );
}
