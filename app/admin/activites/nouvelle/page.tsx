import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { staffPage } from "@/lib/auth/session";
import { listStructureChoices } from "@/lib/activities/manage-structures";
import { NewActivityForm } from "@/components/admin/new-activity-form";
import { activityFields } from "@/components/admin/activity-field-specs";
import { createActivityAction } from "../actions";

export const metadata: Metadata = { title: "Nouvelle activité" };

export default async function NewActivityPage() {
  await staffPage("/admin/activites/nouvelle");
  const structures = await listStructureChoices();
  return (
    <div className="page">
      <PageHeader title={"Nouvelle activité"} breadcrumbs={[{ label: "Activités", href: "/admin/activites" }]} />
      <div className="card">
        <NewActivityForm fields={activityFields(structures)} action={createActivityAction} />
      </div>
    </div>
  );
}
