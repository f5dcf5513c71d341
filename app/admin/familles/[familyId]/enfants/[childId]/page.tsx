import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { getChildOfFamily } from "@/lib/families/get-family-file";
import { childFormOf } from "@/lib/families/child-mapping";
import { ChildWizard } from "@/components/family/child-wizard";
import { staffUpdateChildAction } from "../../actions";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Modifier un enfant" };

export default async function StaffEditChildPage({ params }: { params: Promise<{ familyId: string; childId: string }> }) {
  const { familyId, childId } = await params;
  const staff = await staffPage(`/admin/familles/${familyId}/enfants/${childId}`);
  const child = await getChildOfFamily(familyId, childId);
  if (!child) notFound();
  return (
    <Page>
      <PageHeader
        title={`Modifier ${child.firstName}`}
        breadcrumbs={[
          { label: "Familles", href: "/admin/familles" },
          { label: "Famille", href: `/admin/familles/${familyId}` },
        ]}
      />
      <ChildWizard
        draftKey={`admin-enfant:${child.id}:${staff.id}`}
        initial={childFormOf(child)}
        submitLabel="Enregistrer les modifications"
        doneHref={`/admin/familles/${familyId}`}
        action={staffUpdateChildAction}
        ids={{ familyId, childId }}
      />
    </Page>
  );
}
