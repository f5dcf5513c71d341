import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { parentPage } from "@/lib/auth/session";
import { SchemaForm } from "@/components/form/schema-form";
import { ADULT_FIELDS } from "@/components/family/field-specs";
import { addAdultAction } from "../actions";
import { Page } from "@/components/ui/page";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Ajouter un responsable légal" };

export default async function AddAdultPage() {
  await parentPage("/ma-famille/ajouter-un-adulte");
  return (
    <Page>
      <PageHeader title={"Ajouter un responsable légal"} breadcrumbs={[{ label: "Ma famille", href: "/ma-famille" }]} />
      <Card>
        <SchemaForm
          schema="adult"
          idPrefix="adulte"
          fields={ADULT_FIELDS}
          defaultValues={{ lastName: "", firstName: "", birthDate: "", mobilePhone: "", email: "", relationship: "" }}
          submitLabel="Ajouter"
          action={addAdultAction}
        />
      </Card>
    </Page>
  );
}
