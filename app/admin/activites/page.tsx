import { count } from "@/lib/format";
import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { listActivities } from "@/lib/activities/manage-activity";
import { Page, PageTitle } from "@/components/ui/page";
import { LinkButton } from "@/components/ui/link-button";
import { cardClass, linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

export const metadata: Metadata = { title: "Activités" };

export default async function ActivitiesPage() {
  const staff = await staffPage("/admin/activites");
  const activities = await listActivities(staff.scope);
  return (
    <Page width="wide">
      <PageTitle id="titre-page" tabIndex={-1}>
        Activités
      </PageTitle>
      <p className="mb-4 flex flex-wrap gap-3">
        <LinkButton href="/admin/activites/nouvelle" variant="primary">
          Nouvelle activité
        </LinkButton>
        <LinkButton href="/admin/structures" variant="secondary">
          Lieux d&apos;accueil et calendrier
        </LinkButton>
      </p>
      <ul className="grid gap-3 md:grid-cols-2">
        {activities.map((a) => (
          <li key={a.id} className={cardClass}>
            <Link href={`/admin/activites/${a.id}`} className={cn(linkClass, "text-lg")}>
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
    </Page>
  );
}
