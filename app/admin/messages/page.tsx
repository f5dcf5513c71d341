import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { listInbox } from "@/lib/messages/list-threads";
import { listTemplates } from "@/lib/messages/manage-templates";
import { formatDateTime } from "@/lib/format";
import { statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "@/components/ui/status-badge";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { FilterForm, FilterSelect } from "@/components/admin/filter-select";
import { SchemaForm } from "@/components/form/schema-form";
import { createTemplateAction } from "./actions";
import { linkClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Messages" };

const STATES = [
  { id: "OPEN", name: "En attente de réponse" },
  { id: "ANSWERED", name: "Répondu" },
  { id: "CLOSED", name: "Clos" },
];

/** The inbox of the families' messages: unread first, then those waiting for an answer. */
export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffPage("/admin/messages", searchParams);
  const params = await searchParams;
  const status = STATES.find((s) => s.id === params.etat)?.id as "OPEN" | "ANSWERED" | "CLOSED" | undefined;
  const [threads, templates] = await Promise.all([
    listInbox(staff.scope, { status, mine: params.moi === "1" ? staff.id : undefined }),
    listTemplates(),
  ]);
  const rows: DataRow[] = threads.map((t) => ({
    id: t.id,
    label: `${t.subject}, ${t.family.name}`,
    search: `${t.subject} ${t.family.name} ${t.child?.firstName ?? ""}`,
    sort: { dernier: t.lastMessageAt.getTime(), famille: t.family.name },
    cells: {
      objet: (
        <>
          <Link className={cn(linkClass, "font-semibold")} href={`/admin/messages/${t.id}`}>
            {t.subject}
          </Link>
          {t.unread ? (
            <>
              {" "}
              <Badge tone="waiting">Non lu</Badge>
            </>
          ) : null}
        </>
      ),
      famille: (
        <>
          {t.family.name}
          {t.child ? ` (${t.child.firstName})` : ""}
        </>
      ),
      attribue: t.assignedTo?.displayName ?? "—",
      dernier: <span className="text-sm">{formatDateTime(t.lastMessageAt)}</span>,
      etat: <StatusBadge label={statusLabel("MESSAGE_THREAD", t.status)} tone={statusTone("MESSAGE_THREAD", t.status)} />,
    },
  }));
  return (
    <Page width="wide">
      <PageHeader
        title="Messages"
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
        description="Les messages des familles (Contact) : non lus d'abord. Chaque réponse prévient la famille par e-mail."
      />
      <FilterForm label="Filtres des messages" submitLabel="Filtrer">
        <FilterSelect id="messages-etat" name="etat" label="État" value={status} any="Tous" choices={STATES} />
        <FilterSelect
          id="messages-moi"
          name="moi"
          label="Attribués"
          value={params.moi === "1" ? "1" : undefined}
          any="À tout le monde"
          choices={[{ id: "1", name: "À moi" }]}
        />
      </FilterForm>
      <DataTable
        caption="Conversations"
        rows={rows}
        filterLabel="Filtrer (objet, famille, enfant)"
        emptyTitle="Aucun message"
        columns={[
          { key: "objet", header: "Objet", rowHeader: true },
          { key: "famille", header: "Famille", sortable: true },
          { key: "attribue", header: "Attribué à" },
          { key: "dernier", header: "Dernier message", sortable: true },
          { key: "etat", header: "État" },
        ]}
      />
      <Card title="Modèles de réponse" titleId="modeles" className="mt-8 max-w-2xl">
        {templates.length ? (
          <ul className="mb-3 list-disc pl-5">
            {templates.map((t) => (
              <li key={t.id}>{t.title}</li>
            ))}
          </ul>
        ) : (
          <p className="mb-3">Aucun modèle pour le moment.</p>
        )}
        <SchemaForm
          schema="template"
          idPrefix="modele"
          resetOnSuccess
          submitLabel="Ajouter le modèle"
          action={createTemplateAction}
          defaultValues={{ title: "", body: "" }}
          fields={[
            { name: "title", label: "Titre", required: true, hint: "Par exemple : Attestation CAF reçue." },
            { name: "body", label: "Texte", type: "textarea", required: true, rows: 4 },
          ]}
        />
      </Card>
    </Page>
  );
}
