import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { staffPage } from "@/lib/auth/session";
import { listStructureChoices } from "@/lib/activities/manage-structures";
import { NewActivityForm } from "@/components/admin/new-activity-form";
import { activityFields } from "@/components/admin/activity-field-specs";
import { createActivityAction } from "../actions";
import { Page } from "@/components/ui/page";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: "Nouvelle activité" };

export default async function NewActivityPage() {
  const staff = await staffPage("/admin/activites/nouvelle");
  const structures = await listStructureChoices(staff.scope);
  return (
    <Page>
      <PageHeader title={"Nouvelle activité"} breadcrumbs={[{ label: "Activités", href: "/admin/activites" }]} />
      <Card>
        <NewActivityForm fields={activityFields(structures)} action={createActivityAction} />
      </Card>
    </Page>
  );
}
