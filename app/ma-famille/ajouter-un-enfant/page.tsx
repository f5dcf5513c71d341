import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { parentPage } from "@/lib/auth/session";
import { getFamilyFile } from "@/lib/families/get-family-file";
import { emptyChildForm } from "@/lib/families/schemas";
import { ChildWizard } from "@/components/family/child-wizard";
import { addChildAction } from "../actions";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Ajouter un enfant" };

export default async function AddChildPage() {
  const user = await parentPage("/ma-famille/ajouter-un-enfant");
  const family = await getFamilyFile(user.familyId);
  const lastName = family?.adults[0]?.lastName ?? "";
  return (
    <Page>
      <PageHeader title={"Ajouter un enfant"} breadcrumbs={[{ label: "Ma famille", href: "/ma-famille" }]} />
      <p className="mb-4 text-sm text-gray-700">
        Les champs marqués d&apos;un astérisque (*) sont obligatoires. Votre saisie est gardée si vous rechargez la page.
      </p>
      <ChildWizard
        draftKey={`enfant-nouveau:${user.id}`}
        initial={emptyChildForm(lastName)}
        submitLabel="Enregistrer l'enfant"
        doneHref="/ma-famille"
        action={addChildAction}
      />
    </Page>
  );
}
