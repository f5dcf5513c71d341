import type { Metadata } from "next";
import Link from "next/link";
import { parentPage } from "@/lib/auth/session";
import { listFamilyThreads } from "@/lib/messages/list-threads";
import { listFamilyChildren } from "@/lib/documents/list-family-children";
import { formatDateTime } from "@/lib/format";
import { statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "@/components/ui/status-badge";
import { UploadForm } from "@/components/form/upload-form";
import { sendFamilyMessageAction } from "./actions";
import { Page } from "@/components/ui/page";
import { cardClass, linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

export const metadata: Metadata = { title: "Mes messages" };

/** « Contact »: write to the structure, and every conversation with its answers. */
export default async function MyMessagesPage() {
  const user = await parentPage("/mes-messages");
  const [threads, children] = await Promise.all([listFamilyThreads(user.familyId), listFamilyChildren(user.familyId)]);
  return (
    <Page>
      <PageHeader title="Mes messages" description="Écrivez à la structure ; sa réponse s'affiche ici et vous recevez un e-mail." />
      <Card title="Écrire à la structure" titleId="ecrire" className="mb-6">
        <UploadForm
          fileHint="PDF, JPEG ou PNG, 10 Mo au maximum (une photo nette du document convient)."
          idPrefix="message"
          action={sendFamilyMessageAction}
          submitLabel="Envoyer le message"
          fileOptional
          fileLabel="Pièce jointe"
          fields={[
            { name: "subject", label: "Objet", required: true },
            ...(children.length
              ? [
                  {
                    name: "childId",
                    label: "Concerne",
                    options: [{ value: "", label: "Toute la famille" }, ...children.map((c) => ({ value: c.id, label: c.firstName }))],
                  },
                ]
              : []),
            { name: "body", label: "Message", required: true, textarea: true },
          ]}
        />
      </Card>
      <section aria-labelledby="conversations">
        <h2 id="conversations" className="mb-2 text-xl font-bold">
          Conversations
        </h2>
        {threads.length === 0 ? (
          <EmptyState title="Aucun message">Vos échanges avec la structure apparaîtront ici.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {threads.map((t) => (
              <li key={t.id} className={cn(cardClass, "flex flex-wrap items-center justify-between gap-2")}>
                <div>
                  <Link id={`conversation-${t.id}`} className={cn(linkClass, "font-semibold")} href={`/mes-messages/${t.id}`}>
                    {t.subject}
                  </Link>
                  {t.unread ? (
                    <>
                      {" "}
                      <Badge tone="waiting">Nouvelle réponse</Badge>
                    </>
                  ) : null}
                  <p className="text-sm text-gray-800">
                    {t.child ? `${t.child.firstName} · ` : ""}dernier message le {formatDateTime(t.lastMessageAt)}
                  </p>
                </div>
                <StatusBadge label={statusLabel("MESSAGE_THREAD", t.status)} tone={statusTone("MESSAGE_THREAD", t.status)} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
