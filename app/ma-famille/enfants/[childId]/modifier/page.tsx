import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { notFound } from "next/navigation";
import { parentPage } from "@/lib/auth/session";
import { getChildOfFamily } from "@/lib/families/get-family-file";
import { childFormOf } from "@/lib/families/child-mapping";
import { ChildWizard } from "@/components/family/child-wizard";
import { updateChildAction } from "../../../actions";
import { CHILD_STATUSES, isIn } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Modifier un enfant" };

export default async function EditChildPage({ params }: { params: Promise<{ childId: string }> }) {
  const { childId } = await params;
  const user = await parentPage(`/ma-famille/enfants/${childId}/modifier`);
  // Scoped by the family of the session: another family's child is « introuvable ».
  const child = await getChildOfFamily(user.familyId, childId);
  if (!child || !isIn(CHILD_STATUSES.ON_FILE, child.status)) notFound();
  return (
    <Page>
      <PageHeader title={`Modifier ${child.firstName}`} breadcrumbs={[{ label: "Ma famille", href: "/ma-famille" }]} />
      <p className="mb-4 text-sm text-gray-700">
        Les modifications des informations de santé (allergies, PAI, repas, médecin, CAF) sont vérifiées par la structure avant d&apos;être
        appliquées.
      </p>
      <ChildWizard
        draftKey={`enfant:${child.id}:${user.id}`}
        initial={childFormOf(child)}
        submitLabel="Enregistrer les modifications"
        doneHref="/ma-famille"
        action={updateChildAction}
        ids={{ childId }}
      />
    </Page>
  );
}
