import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { listDocumentTypes } from "@/lib/documents/list-document-types";
import { receivedQueue } from "@/lib/documents/list-received-documents";
import { VALIDITY_LABELS } from "@/lib/documents/validity";
import { formatDateTime } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/link-button";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { DecisionControls } from "@/components/admin/decision-controls";
import { BulkDecisionForm, SelectBox } from "@/components/admin/bulk-decision-form";
import { SchemaForm } from "@/components/form/schema-form";
import { retentionMonths } from "@/lib/privacy/purge-expired-documents";
import { acceptDocumentAction, createDocumentTypeAction, refuseDocumentAction, retentionAction, reviewDocumentsAction } from "./actions";
import { linkClass } from "@/components/ui/classes";
import { Page } from "@/components/ui/page";

export const metadata: Metadata = { title: "Documents reçus" };

/** The documents families sent, oldest first: accept, or refuse with a reason (« illisible »), one by one or ticked together. */
export default async function ReceivedDocumentsPage() {
  const staff = await staffPage("/admin/documents");
  const [queue, types, months] = await Promise.all([receivedQueue(staff.scope), listDocumentTypes(), retentionMonths()]);
  const rows: DataRow[] = queue.map((d) => {
    const subject = `${d.title}${d.child ? ` de ${d.child.firstName}` : ""}, ${d.family?.name ?? ""}`;
    return {
      id: d.id,
      label: subject,
      search: `${d.title} ${d.family?.name ?? ""} ${d.child?.firstName ?? ""}`,
      sort: { recu: d.createdAt.getTime(), famille: d.family?.name ?? "" },
      cells: {
        choix: queue.length > 1 ? <SelectBox formId="lot-documents" id={d.id} label={subject} /> : null,
        document: (
          <>
            {d.title}
            {d.child ? ` — ${d.child.firstName}` : ""}
            <span className="block text-sm font-normal text-gray-700">
              {d.replacesId ? "Remplace un document refusé · " : ""}
              {d.reservationId ? "Justifie une absence facturée · " : ""}
              <a className={linkClass} href={`/documents/${d.id}`} download>
                Télécharger {d.fileName}
              </a>{" "}
              ({Math.max(1, Math.round(d.sizeBytes / 1024)).toLocaleString("fr-FR")} Ko)
              {d.fileMissingAt ? (
                <>
                  {" "}
                  <Badge tone="refused">Fichier manquant</Badge> introuvable dans le stockage depuis le {formatDateTime(d.fileMissingAt)} :
                  refusez-le avec ce motif, la famille en renverra un.
                </>
              ) : null}
            </span>
          </>
        ),
        famille: d.family ? (
          <Link className={linkClass} href={`/admin/familles/${d.family.id}`}>
            {d.family.name}
          </Link>
        ) : (
          ""
        ),
        recu: <span className="text-sm">{formatDateTime(d.createdAt)}</span>,
        decision: (
          <DecisionControls
            id={d.id}
            subject={subject}
            accept={acceptDocumentAction}
            refuse={refuseDocumentAction}
            acceptLabel="Accepter"
            acceptedMessage="Document accepté"
            refusedMessage="Document refusé"
            reasonLabel="Motif du refus (par exemple : illisible)"
          />
        ),
      },
    };
  });
  return (
    <Page width="wide">
      <PageHeader
        title="Documents reçus"
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
        description="Les plus anciens d'abord. La famille reçoit un e-mail à chaque décision ; un document refusé peut être remplacé par un nouveau."
        actions={
          <LinkButton href="/admin/documents/publies" variant="secondary">
            Documents publiés
          </LinkButton>
        }
      />
      {queue.length === 0 ? (
        <EmptyState title="Aucun document en attente">Les documents envoyés par les familles apparaîtront ici.</EmptyState>
      ) : (
        <>
          {queue.length > 1 ? (
            <BulkDecisionForm formId="lot-documents" noun="documents" acceptLabel="Accepter la sélection" action={reviewDocumentsAction} />
          ) : null}
          <h2 id="file-attente" tabIndex={-1} className="mb-3 text-xl font-bold">
            En attente ({queue.length})
          </h2>
          <DataTable
            caption="Documents reçus en attente"
            rows={rows}
            filterLabel="Filtrer (document, famille, enfant)"
            columns={[
              ...(queue.length > 1 ? [{ key: "choix", header: "Sélection", phoneLabel: false }] : []),
              { key: "document", header: "Document", rowHeader: true },
              { key: "famille", header: "Famille", sortable: true },
              { key: "recu", header: "Reçu le", sortable: true },
              { key: "decision", header: "Décision", phoneLabel: false },
            ]}
          />
        </>
      )}
      <Card title="Types de documents demandés" titleId="types" className="mt-8">
        {types.length === 0 ? (
          <p className="mb-3">Aucun type pour le moment.</p>
        ) : (
          <ul className="mb-4 list-disc pl-5">
            {types.map((t) => (
              <li key={t.id}>
                {t.name} — {t.scope === "CHILD" ? "par enfant" : "pour la famille"}, {t.required ? "obligatoire" : "facultatif"}, validité :{" "}
                {VALIDITY_LABELS[t.validity].toLowerCase()}
              </li>
            ))}
          </ul>
        )}
        <SchemaForm
          schema="documentType"
          idPrefix="type-document"
          resetOnSuccess
          submitLabel="Ajouter le type"
          action={createDocumentTypeAction}
          defaultValues={{ name: "", scope: "FAMILY", required: "oui", validity: "NONE" }}
          fields={[
            { name: "name", label: "Nom du type", required: true, hint: "Par exemple : Attestation CAF, Carnet de vaccination." },
            {
              name: "scope",
              label: "Pour",
              type: "select",
              required: true,
              options: [
                { value: "FAMILY", label: "La famille" },
                { value: "CHILD", label: "Chaque enfant" },
              ],
            },
            {
              name: "required",
              label: "Obligatoire",
              type: "radio",
              required: true,
              options: [
                { value: "oui", label: "Oui : listé dans « À faire » tant qu'il manque" },
                { value: "non", label: "Non" },
              ],
            },
            {
              name: "validity",
              label: "Validité",
              type: "select",
              required: true,
              options: Object.entries(VALIDITY_LABELS).map(([value, label]) => ({ value, label })),
            },
          ]}
        />
      </Card>
      <Card title="Durée de conservation" titleId="conservation" className="mt-6 max-w-2xl">
        <p className="mb-3 text-sm">
          Chaque nuit, les documents reçus décidés depuis plus de {months} mois sont supprimés (leur trace reste au journal).
        </p>
        <SchemaForm
          schema="retention"
          idPrefix="conservation"
          submitLabel="Enregistrer la durée"
          action={retentionAction}
          defaultValues={{ months: String(months) }}
          fields={[{ name: "months", label: "Durée de conservation (mois)", required: true, inputMode: "numeric" }]}
        />
      </Card>
    </Page>
  );
}
