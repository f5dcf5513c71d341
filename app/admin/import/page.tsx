import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { getImportOverview } from "@/lib/import/invite-families";
import { lastImportRun } from "@/lib/import/import-runs";
import { FILE_LABELS, IMPORT_COLUMNS, type ImportFileKind } from "@/lib/import/columns";
import { formatDateTime } from "@/lib/format";
import { ImportForm } from "@/components/admin/import-form";
import { InviteButtons } from "@/components/admin/invite-buttons";
import { ImportRunStatus } from "@/components/admin/import-run-status";
import { ResumeImportButton } from "@/components/admin/resume-import-button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Page } from "@/components/ui/page";
import { PageHeader } from "@/components/ui/page-header";
import { linkClass } from "@/components/ui/classes";
import { applyImportAction, checkImportAction, inviteFamiliesAction, resumeImportAction } from "./actions";

export const metadata: Metadata = { title: "Importer les familles" };

const KINDS: ImportFileKind[] = ["familles", "enfants", "inscriptions"];

export default async function ImportPage() {
  const user = await staffPage("/admin/import");
  if (user.role !== "ADMIN") redirect("/acces-refuse");
  const [overview, run] = await Promise.all([getImportOverview(), lastImportRun()]);
  return (
    // Wide, as the other staff pages with a table: the check report has five columns and long e-mails.
    <Page width="wide">
      <PageHeader title="Importer les familles" breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]} />
      <div className="flex flex-col gap-4">
        <Card title="Fichiers" titleId="fichiers">
          <p className="mb-3 max-w-3xl text-gray-800">
            Les fichiers CSV de votre ancien logiciel ou de votre tableur : une ligne par famille (repérée par son e-mail de connexion), par
            enfant (famille, nom, prénom et date de naissance) et, si vous le souhaitez, par inscription validée. « Vérifier » montre ce qui
            sera créé, mis à jour ou laissé, et chaque erreur, sans rien enregistrer. Importer deux fois le même fichier ne change rien.
          </p>
          <ul className="mb-4 max-w-3xl list-disc pl-5">
            {KINDS.map((kind) => (
              <li key={kind}>
                <a href={`/admin/import/modele/${kind}`} className={linkClass} download>
                  Modèle {FILE_LABELS[kind].toLowerCase()} (CSV)
                </a>{" "}
                : {IMPORT_COLUMNS[kind].map((c) => c.header + (c.required ? " *" : "")).join(", ")}
              </li>
            ))}
          </ul>
          <p className="mb-4 max-w-3xl text-sm text-gray-700">
            * colonne obligatoire. Dates au format jj/mm/aaaa ; téléphones sous toute forme usuelle ; personnes autorisées « Nom Prénom,
            lien, téléphone » séparées par « | » ; oui ou non pour PAI et autorisations.
          </p>
          <ImportRunStatus run={run} resume={run?.interrupted ? <ResumeImportButton runId={run.id} resume={resumeImportAction} /> : null} />
          <ImportForm check={checkImportAction} apply={applyImportAction} />
        </Card>
        <Card title="Comptes importés" titleId="comptes-importes">
          <p className="mb-3 max-w-3xl text-gray-800">
            Les familles importées n&apos;ont pas encore de mot de passe. L&apos;invitation « Activer mon compte » leur envoie un lien à
            usage unique, valable 14 jours, pour le choisir.
          </p>
          <dl className="mb-4 grid max-w-3xl grid-cols-3 gap-2 text-center">
            {[
              ["Importées", overview.imported],
              ["Invitées", overview.invited],
              ["Activées", overview.activated],
            ].map(([label, value]) => (
              <div key={label} className="rounded border border-gray-300 p-2">
                <dt className="text-sm text-gray-700">{label}</dt>
                <dd className="text-2xl font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
          <InviteButtons invite={inviteFamiliesAction} />
          <div className="mt-4">
            <DataTable
              caption="Familles importées qui n'ont pas encore activé leur compte"
              filterLabel="Filtrer les familles"
              emptyTitle={
                overview.imported === 0 ? "Aucune famille importée pour l'instant" : "Toutes les familles importées ont activé leur compte"
              }
              columns={[
                { key: "name", header: "Responsable", rowHeader: true, sortable: true },
                { key: "email", header: "E-mail", sortable: true },
                { key: "invited", header: "Invitation", sortable: true },
              ]}
              rows={overview.waiting.map((w) => ({
                id: w.email,
                cells: {
                  name: w.familyId ? (
                    <Link href={`/admin/familles/${w.familyId}`} className={linkClass}>
                      {w.displayName}
                    </Link>
                  ) : (
                    w.displayName
                  ),
                  email: w.email,
                  invited: w.invitedAt ? `envoyée le ${formatDateTime(w.invitedAt)}` : "pas encore envoyée",
                },
                sort: { name: w.displayName, email: w.email, invited: w.invitedAt?.toISOString() ?? "" },
                search: `${w.displayName} ${w.email}`,
              }))}
            />
          </div>
        </Card>
      </div>
    </Page>
  );
}
