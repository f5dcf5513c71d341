import type { Metadata } from "next";
import { staffPage } from "@/lib/auth/session";
import { listPublished } from "@/lib/documents/list-published";
import { Badge } from "@/components/ui/badge";
import { listActivities } from "@/lib/activities/manage-activity";
import { listStructureChoices } from "@/lib/activities/manage-structures";
import { formatDate } from "@/lib/format";
import { statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { UploadForm } from "@/components/form/upload-form";
import { PublishToggle } from "@/components/admin/publish-toggle";
import { publishDocumentAction, replacePublishedAction, setPublishedAction } from "../actions";
import { DOCUMENT_STATUSES, isIn } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";
import { cardClass, linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

export const metadata: Metadata = { title: "Documents publiés" };

/** « Téléchargements » from the structure's side: publish for everyone, a lieu d'accueil's or an activity's families; replace, withdraw. */
export default async function PublishedDocumentsPage() {
  const staff = await staffPage("/admin/documents/publies");
  const [published, structures, activities] = await Promise.all([
    listPublished(staff.scope),
    listStructureChoices(staff.scope),
    listActivities(staff.scope),
  ]);
  const audiences = [
    { value: "", label: "Toutes les familles" },
    ...structures.map((s) => ({ value: `lieu:${s.id}`, label: `Les familles de ${s.name}` })),
    ...activities.map((a) => ({ value: `activite:${a.id}`, label: `Les inscrits de ${a.name} (${a.structure.name})` })),
  ];
  const audienceOf = (d: { structureId: string | null; activityId: string | null }) =>
    audiences.find((a) => a.value === (d.activityId ? `activite:${d.activityId}` : d.structureId ? `lieu:${d.structureId}` : ""))?.label ??
    "Toutes les familles";
  return (
    <Page width="wide">
      <PageHeader
        title="Documents publiés"
        breadcrumbs={[{ label: "Documents reçus", href: "/admin/documents" }]}
        description="Ce que les familles trouvent dans leurs Téléchargements (règlement intérieur, menus, programmes) ; un document publié ou remplacé est « nouveau » pour elles jusqu'à ce qu'elles l'ouvrent."
      />
      <Card title="Publier un document" titleId="publier" className="mb-6 max-w-2xl">
        <UploadForm
          idPrefix="publier"
          action={publishDocumentAction}
          submitLabel="Publier"
          fields={[
            { name: "title", label: "Titre", required: true, hint: "Par exemple : Menus de janvier." },
            { name: "audience", label: "Pour", options: audiences },
          ]}
        />
      </Card>
      <h2 className="mb-2 text-xl font-bold">Documents</h2>
      {published.length === 0 ? (
        <EmptyState title="Aucun document publié">Les documents publiés apparaîtront ici.</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3">
          {published.map((d) => (
            <li key={d.id} className={cardClass}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="font-semibold">{d.title}</p>
                <span className="flex flex-wrap gap-2">
                  {d.fileMissingAt ? <Badge tone="refused">Fichier manquant</Badge> : null}
                  <StatusBadge label={statusLabel("DOCUMENT", d.status)} tone={statusTone("DOCUMENT", d.status)} />
                </span>
              </div>
              <p className="text-sm text-gray-800">
                {audienceOf(d)} · mis à jour le {formatDate(d.updatedAt)} · ouvert par {d._count.views.toLocaleString("fr-FR")}{" "}
                {d._count.views > 1 ? "familles" : "famille"} ·{" "}
                <a className={linkClass} href={`/documents/${d.id}`} download>
                  {d.fileName}
                </a>
                {d.fileMissingAt
                  ? ` · fichier introuvable dans le stockage depuis le ${formatDate(d.fileMissingAt)} : remplacez le fichier`
                  : ""}
              </p>
              <div className="mt-2 flex flex-wrap items-start gap-4">
                <PublishToggle
                  id={d.id}
                  title={d.title}
                  published={isIn(DOCUMENT_STATUSES.PUBLISHED, d.status)}
                  action={setPublishedAction}
                />
                <details>
                  <summary className={cn(linkClass, "cursor-pointer")}>Remplacer le fichier</summary>
                  <UploadForm
                    idPrefix={`remplacer-${d.id}`}
                    action={replacePublishedAction}
                    submitLabel="Remplacer le fichier"
                    hidden={{ id: d.id }}
                    fields={[]}
                  />
                </details>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
