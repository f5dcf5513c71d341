import { count } from "@/lib/format";
import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { listActivities } from "@/lib/activities/manage-activity";

export const metadata: Metadata = { title: "Activités" };

export default async function ActivitiesPage() {
  await staffPage("/admin/activites");
  const activities = await listActivities();
  return (
    <div className="page-wide">
      <h1 className="page-title" id="titre-page" tabIndex={-1}>
        Activités
      </h1>
      <p className="mb-4 flex flex-wrap gap-3">
        <Link href="/admin/activites/nouvelle" className="btn btn-primary">
          Nouvelle activité
        </Link>
        <Link href="/admin/structures" className="btn btn-secondary">
          Lieux d&apos;accueil et calendrier
        </Link>
      </p>
      <ul className="grid gap-3 md:grid-cols-2">
        {activities.map((a) => (
          <li key={a.id} className="card">
            <Link href={`/admin/activites/${a.id}`} className="link text-lg">
              {a.name}
            </Link>
            <p className="text-sm">
              {a.structure.name} · {a.careType.name}
            </p>
            <p className="text-sm">
              {count(a._count.periods, "période")}, {count(a._count.ageGroups, "groupe")}, {count(a._count.timeUnits, "unité")},{" "}
              {count(a._count.inscriptions, "inscription")} — validation{" "}
              {a.inscriptionValidation === "AUTOMATIC" ? "automatique" : "manuelle"}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
