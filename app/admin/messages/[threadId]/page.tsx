import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { staffPage } from "@/lib/auth/session";
import { listTemplates } from "@/lib/messages/manage-templates";
import { readThread } from "@/lib/messages/list-threads";
import { statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { UploadForm } from "@/components/form/upload-form";
import { SchemaForm } from "@/components/form/schema-form";
import { ThreadView } from "@/components/messages/thread-view";
import { answerThreadAction, assignThreadAction, closeThreadAction } from "../actions";
import { allowedActions } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";

export const metadata: Metadata = { title: "Conversation" };

export default async function StaffThreadPage({
  params,
  searchParams,
}: {
  params: Promise<{ threadId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { threadId } = await params;
  const staff = await staffPage(`/admin/messages/${threadId}`, searchParams);
  const [thread, templates, query] = await Promise.all([
    /^[\w-]{1,64}$/.test(threadId) ? readThread({ threadId, familyId: null, scope: staff.scope }) : null,
    listTemplates(),
    searchParams,
  ]);
  if (!thread) notFound();
  // A template picked in the list prefills the answer (looked up by id: the URL's text is never shown).
  const template = templates.find((t) => t.id === query.modele);
  return (
    <Page width="wide">
      <PageHeader
        title={thread.subject}
        breadcrumbs={[{ label: "Messages", href: "/admin/messages" }]}
        description={
          <>
            <Link className={linkClass} href={`/admin/familles/${thread.family.id}`}>
              {thread.family.name}
            </Link>
            {thread.child ? ` · ${thread.child.firstName}` : ""} ·{" "}
            <StatusBadge label={statusLabel("MESSAGE_THREAD", thread.status)} tone={statusTone("MESSAGE_THREAD", thread.status)} /> ·
            attribuée à {thread.assignedTo?.displayName ?? "personne"}
          </>
        }
      />
      <div className="mb-4 flex flex-wrap gap-3">
        {thread.assignedTo?.id !== staff.id ? (
          <SchemaForm
            schema="thread"
            idPrefix="attribuer"
            fields={[]}
            hidden={{ threadId: thread.id }}
            defaultValues={{}}
            submitLabel="M'attribuer la conversation"
            action={assignThreadAction}
            toastOnSuccess
          />
        ) : null}
        {allowedActions("MESSAGE_THREAD", thread.status, "STAFF").close ? (
          <SchemaForm
            schema="thread"
            idPrefix="clore"
            fields={[]}
            hidden={{ threadId: thread.id }}
            defaultValues={{}}
            submitLabel="Clore la conversation"
            action={closeThreadAction}
            toastOnSuccess
          />
        ) : null}
      </div>
      <ThreadView messages={thread.messages} familyName={thread.family.name} />
      <Card title="Répondre" titleId="repondre" className="max-w-3xl">
        {templates.length ? (
          <p className="mb-3 text-sm">
            Modèles :{" "}
            {templates.map((t, i) => (
              <span key={t.id}>
                {i ? " · " : ""}
                <Link className={linkClass} href={`/admin/messages/${thread.id}?modele=${t.id}#repondre`}>
                  {t.title}
                </Link>
              </span>
            ))}
          </p>
        ) : null}
        <UploadForm
          key={template?.id ?? "vide"}
          idPrefix="reponse"
          action={answerThreadAction}
          successHref={`/admin/messages/${thread.id}`}
          submitLabel="Envoyer la réponse"
          fileOptional
          fileLabel="Pièce jointe"
          hidden={{ threadId: thread.id }}
          fields={[{ name: "body", label: "Réponse", required: true, textarea: true, defaultValue: template?.body ?? "" }]}
        />
      </Card>
    </Page>
  );
}
