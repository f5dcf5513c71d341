import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { listStructureChoices } from "@/lib/activities/structures";
import { NewActivityForm } from "@/components/admin/new-activity-form";
import { activityFields } from "@/components/admin/activity-field-specs";
import { createActivityAction } from "../actions";

export const metadata: Metadata = { title: "Nouvelle activité" };

export default async function NewActivityPage() {
  await staffPage("/admin/activites/nouvelle");
  const structures = await listStructureChoices();
  return (
    <div className="page">
      <p className="mb-2"><Link href="/admin/activites" className="link">← Activités</Link></p>
      <h1 className="page-title" id="titre-page" tabIndex={-1}>Nouvelle activité</h1>
      <div className="card">
        <NewActivityForm fields={activityFields(structures)} action={createActivityAction} />
      </div>
    </div>
  );
}
