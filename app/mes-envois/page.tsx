import type { Metadata } from "next";
import { parentPage } from "@/lib/auth/session";
import { listDocumentTypes } from "@/lib/documents/list-document-types";
import { listFamilyUploads, missingAmong } from "@/lib/documents/list-family-uploads";
import { listFamilyChildren } from "@/lib/documents/list-family-children";
import { listJustifiableAbsences } from "@/lib/documents/list-justifiable-absences";
import { parisDay } from "@/lib/calendar/paris";
import { formatCalendarDate, formatDate } from "@/lib/format";
import { statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { UploadForm } from "@/components/form/upload-form";
import { uploadDocumentAction } from "./actions";
import { DOCUMENT_STATUSES, isIn } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";
import { linkClass, cardClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

export const metadata: Metadata = { title: "Mes envois" };

/** « Mes envois »: what the structure asks for, the form to send a document, and every document sent with its state. */
export default async function MyUploadsPage() {
  const user = await parentPage("/mes-envois");
  const today = parisDay(new Date());
  const [types, children, uploads, absences] = await Promise.all([
    listDocumentTypes(),
    listFamilyChildren(user.familyId),
    listFamilyUploads(user.familyId),
    listJustifiableAbsences(user.familyId, today),
  ]);
  // « À faire » from what the page has just read, not read again.
  const docs = uploads.map((u) => ({
    typeId: u.type?.id ?? null,
    childId: u.child?.id ?? null,
    status: u.status,
    validUntil: u.validUntil,
  }));
  // A shared child's required documents are asked of its first foyer only (ADR 051), as on the dashboard.
  const missing = missingAmong({ types, children: children.filter((c) => c.isOwn), docs }, today);
  const typeOptions = types.map((t) => ({ value: t.id, label: t.name }));
  const childOptions = [{ value: "", label: "Toute la famille" }, ...children.map((c) => ({ value: c.id, label: c.firstName }))];
  return (
    <Page>
      <PageHeader
        title="Mes envois"
        description="Envoyez à la structure les documents qu'elle demande (attestation CAF, carnet de vaccination, justificatif de domicile, certificat médical…) et suivez leur état."
      />
      {missing.length > 0 ? (
        <Card title="À faire" titleId="a-faire" className="mb-4 border-l-4 border-l-amber-600">
          <ul className="list-disc pl-5">
            {missing.map((m) => (
              <li key={`${m.typeId}-${m.childId ?? ""}`}>{m.text}</li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="Envoyer un document" titleId="envoyer" className="mb-6">
        {types.length === 0 ? (
          <p>La structure n&apos;a pas encore indiqué de types de documents.</p>
        ) : (
          <UploadForm
            fileHint="PDF, JPEG ou PNG, 10 Mo au maximum (une photo nette du document convient)."
            idPrefix="envoi"
            action={uploadDocumentAction}
            submitLabel="Envoyer le document"
            fields={[
              { name: "typeId", label: "Type de document", required: true, options: typeOptions },
              ...(children.length
                ? [
                    {
                      name: "childId",
                      label: "Concerne",
                      options: childOptions,
                      hint: "Un carnet de vaccination ou un certificat médical concerne un enfant.",
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {absences.length > 0 && types.length > 0 ? (
        <Card title="Justifier une absence facturée" titleId="absences" className="mb-6">
          <p className="mb-3 text-sm">
            Un certificat médical accepté par la structure transforme l&apos;absence facturée en absence excusée ; si elle est déjà sur une
            facture, un avoir la rembourse.
          </p>
          <ul className="flex flex-col gap-3">
            {absences.map((a) => (
              <li key={a.id} className="border-t border-gray-200 pt-2">
                <details>
                  <summary className={cn(linkClass, "cursor-pointer")}>
                    Justifier l&apos;absence de {a.inscription.child.firstName} le {formatCalendarDate(a.date)} ({a.timeUnit.name})
                  </summary>
                  <UploadForm
                    fileHint="PDF, JPEG ou PNG, 10 Mo au maximum (une photo nette du document convient)."
                    idPrefix={`absence-${a.id}`}
                    action={uploadDocumentAction}
                    submitLabel="Envoyer le certificat"
                    fileLabel="Certificat"
                    hidden={{ reservationId: a.id, childId: a.inscription.child.id }}
                    fields={[
                      {
                        name: "typeId",
                        label: "Type de document",
                        required: true,
                        options: typeOptions,
                        defaultValue: types.find((t) => /certificat/i.test(t.name))?.id,
                      },
                    ]}
                  />
                </details>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <section aria-labelledby="envoyes">
        <h2 id="envoyes" className="mb-2 text-xl font-bold">
          Documents envoyés
        </h2>
        {uploads.length === 0 ? (
          <EmptyState title="Aucun document envoyé">Les documents que vous envoyez apparaissent ici avec leur état.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {uploads.map((d) => (
              <li key={d.id} className={cardClass}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="font-semibold">
                    {d.title}
                    {d.child ? ` — ${d.child.firstName}` : ""}
                  </p>
                  <StatusBadge label={statusLabel("DOCUMENT", d.status)} tone={statusTone("DOCUMENT", d.status)} />
                </div>
                <p className="text-sm text-gray-800">
                  Envoyé le {formatDate(d.createdAt)}
                  {d.reviewedAt ? ` — traité le ${formatDate(d.reviewedAt)}` : ""}
                  {d.validUntil ? ` — valable jusqu'au ${formatCalendarDate(d.validUntil)}` : ""}
                </p>
                {isIn(DOCUMENT_STATUSES.REFUSED, d.status) && d.reason ? <p className="text-sm">Motif : {d.reason}</p> : null}
                {!isIn(DOCUMENT_STATUSES.FILE_DELETED, d.status) ? (
                  <p className="text-sm">
                    <a className={linkClass} href={`/documents/${d.id}`} download>
                      Télécharger {d.fileName}
                    </a>
                  </p>
                ) : null}
                {isIn(DOCUMENT_STATUSES.REFUSED, d.status) && d.type && !uploads.some((u) => u.replacesId === d.id) ? (
                  <details className="mt-2">
                    <summary className={cn(linkClass, "cursor-pointer")}>Envoyer un nouveau document à la place</summary>
                    <UploadForm
                      fileHint="PDF, JPEG ou PNG, 10 Mo au maximum (une photo nette du document convient)."
                      idPrefix={`remplacer-${d.id}`}
                      action={uploadDocumentAction}
                      submitLabel="Envoyer le nouveau document"
                      hidden={{
                        typeId: d.type.id,
                        replacesId: d.id,
                        childId: d.child?.id ?? "",
                        ...(d.reservationId ? { reservationId: d.reservationId } : {}),
                      }}
                      fields={[]}
                    />
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
