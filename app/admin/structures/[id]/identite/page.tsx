import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { getStructureIdentity } from "@/lib/billing/tax-certificates/structure-identity";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { SchemaForm } from "@/components/form/schema-form";
import { Page } from "@/components/ui/page";
import { structureIdentityAction } from "./actions";

export const metadata: Metadata = { title: "Identité du lieu d'accueil" };

/** « Identité » of a lieu (ADR 056): what its attestations fiscales print — name, address, e-mail, phone, SIRET. */
export default async function StructureIdentityPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await staffPage(`/admin/structures/${id}/identite`);
  const structure = id.length <= 64 ? await getStructureIdentity(id, staff.scope) : null;
  if (!structure) notFound();
  return (
    <Page>
      <PageHeader
        title={`Identité — ${structure.name}`}
        breadcrumbs={[{ label: "Lieux d'accueil et calendrier", href: "/admin/structures" }]}
        description="Ces informations figurent sur les attestations fiscales (frais de garde) et les documents du lieu d'accueil."
      />
      <Card className="max-w-2xl">
        <SchemaForm
          schema="structureIdentity"
          idPrefix="identite"
          fields={[
            { name: "name", label: "Nom du lieu d'accueil", required: true, autoComplete: "organization" },
            { name: "street", label: "Adresse", autoComplete: "street-address" },
            { name: "postalCode", label: "Code postal", inputMode: "numeric", autoComplete: "postal-code" },
            { name: "city", label: "Ville", autoComplete: "address-level2" },
            { name: "email", label: "E-mail", type: "email", autoComplete: "email" },
            { name: "phone", label: "Téléphone", type: "tel", autoComplete: "tel" },
            {
              name: "siret",
              label: "SIRET",
              inputMode: "numeric",
              hint: "14 chiffres (SIREN + NIC), exemple : 123 456 789 00012. Obligatoire sur les attestations fiscales.",
            },
          ]}
          hidden={{ structureId: structure.id }}
          defaultValues={{
            name: structure.name,
            street: structure.street ?? "",
            postalCode: structure.postalCode ?? "",
            city: structure.city ?? "",
            email: structure.email ?? "",
            phone: structure.phone ?? "",
            siret: structure.siret ?? "",
          }}
          submitLabel="Enregistrer l'identité"
          toastOnSuccess
          action={structureIdentityAction}
        />
      </Card>
    </Page>
  );
}
