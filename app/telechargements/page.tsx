import type { Metadata } from "next";
import { parentPage } from "@/lib/auth/session";
import { listDownloads } from "@/lib/documents/list-downloads";
import { formatDate } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { Page } from "@/components/ui/page";
import { cardClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "Téléchargements" };

/** « Téléchargements »: what the structure publishes (règlement intérieur, menus, programmes), « nouveau » until opened. */
export default async function DownloadsPage() {
  const user = await parentPage("/telechargements");
  const documents = await listDownloads(user.familyId);
  return (
    <Page>
      <PageHeader title="Téléchargements" description="Les documents que la structure met à votre disposition." />
      {documents.length === 0 ? (
        <EmptyState title="Aucun document pour le moment">La structure n&apos;a encore rien publié.</EmptyState>
      ) : (
        <ul className="flex flex-col gap-3">
          {documents.map((d) => (
            <li key={d.id} className={cn(cardClass, "flex flex-wrap items-center justify-between gap-2")}>
              <div>
                <p className="font-semibold">
                  {d.title} {d.isNew ? <Badge tone="waiting">Nouveau</Badge> : null}
                </p>
                <p className="text-sm text-gray-800">
                  Mis à jour le {formatDate(d.updatedAt)} — {d.mimeType === "application/pdf" ? "PDF" : "image"},{" "}
                  {Math.max(1, Math.round(d.sizeBytes / 1024)).toLocaleString("fr-FR")} Ko
                </p>
              </div>
              <a className={buttonVariants({ variant: "secondary" })} href={`/documents/${d.id}`} download>
                Télécharger<span className="sr-only"> {d.title}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
