import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { parentPage } from "@/lib/auth/session";
import { SchemaForm } from "@/components/form/schema-form";
import { CHILD_LINK_FIELDS } from "@/components/family/field-specs";
import { requestChildLinkAction } from "../actions";
import { Page } from "@/components/ui/page";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Mon enfant est déjà inscrit par l'autre parent" };

/** Garde alternée (ADR 051): a parent asks that the child the other parent has on file be linked to her or his foyer. */
export default async function ChildLinkRequestPage() {
  await parentPage("/ma-famille/lier-un-enfant");
  return (
    <Page>
      <PageHeader
        title="Mon enfant est déjà inscrit par l'autre parent"
        breadcrumbs={[{ label: "Ma famille", href: "/ma-famille" }]}
        description="Parents séparés, garde alternée : la structure retrouve la fiche de votre enfant et l'ajoute à votre foyer. Chacun garde son compte, son adresse, son quotient familial et ses factures ; aucun ne voit ceux de l'autre."
      />
      <Card>
        <SchemaForm
          schema="childLink"
          idPrefix="lien"
          fields={CHILD_LINK_FIELDS}
          defaultValues={{ lastName: "", firstName: "", birthDate: "", otherParentName: "" }}
          submitLabel="Envoyer la demande"
          action={requestChildLinkAction}
        />
      </Card>
    </Page>
  );
}
