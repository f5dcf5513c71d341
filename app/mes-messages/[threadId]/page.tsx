import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parentPage } from "@/lib/auth/session";
import { readThread } from "@/lib/messages/list-threads";
import { statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { UploadForm } from "@/components/form/upload-form";
import { ThreadView } from "@/components/messages/thread-view";
import { sendFamilyMessageAction } from "../actions";
import { isIn, THREAD_STATUSES } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Message" };

export default async function MyThreadPage({ params }: { params: Promise<{ threadId: string }> }) {
  const { threadId } = await params;
  const user = await parentPage(`/mes-messages/${threadId}`);
  const thread = /^[\w-]{1,64}$/.test(threadId) ? await readThread({ threadId, familyId: user.familyId }) : null;
  if (!thread) notFound();
  return (
    <Page>
      <PageHeader
        title={thread.subject}
        breadcrumbs={[{ label: "Mes messages", href: "/mes-messages" }]}
        description={
          <>
            {thread.child ? `Concerne ${thread.child.firstName} · ` : ""}
            <StatusBadge label={statusLabel("MESSAGE_THREAD", thread.status)} tone={statusTone("MESSAGE_THREAD", thread.status)} />
          </>
        }
      />
      <ThreadView messages={thread.messages} familyName="Vous" />
      <Card title="Répondre" titleId="repondre">
        {isIn(THREAD_STATUSES.CLOSED, thread.status) ? (
          <p className="mb-3 text-sm">La structure a clos cette conversation ; si vous répondez, elle sera rouverte.</p>
        ) : null}
        <UploadForm
          fileHint="PDF, JPEG ou PNG, 10 Mo au maximum (une photo nette du document convient)."
          idPrefix="reponse"
          action={sendFamilyMessageAction}
          submitLabel="Envoyer"
          fileOptional
          fileLabel="Pièce jointe"
          hidden={{ threadId: thread.id }}
          fields={[{ name: "body", label: "Message", required: true, textarea: true }]}
        />
      </Card>
    </Page>
  );
}
