import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { listStructures } from "@/lib/activities/manage-structures";
import { isMonth, monthOf, parisDay, previousMonth } from "@/lib/calendar/paris";
import { count, deMonth, formatCalendarDate, formatCents, formatDateTime, formatMonth } from "@/lib/format";
import { collectDueDebits } from "@/lib/billing/sepa/collect";
import { listBatches, previewDebits } from "@/lib/billing/sepa/export-batch";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { SchemaForm } from "@/components/form/schema-form";
import { FilterForm, FilterSelect } from "@/components/admin/filter-select";
import { Page } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";
import { exportBatchAction, importReturnsAction } from "./actions";

export const metadata: Metadata = { title: "Prélèvements SEPA" };

/**
 * « Prélèvements » (ADR 053): for a lieu and a billed month, what would be debited; « Exporter le fichier de
 * prélèvement »; the lieu's batches with their totals, their file and their debits; the bank's rejections.
 */
export default async function DirectDebitsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffPage("/admin/facturation/prelevements", searchParams);
  const params = await searchParams;
  const structures = await listStructures(staff.scope);
  const structure = structures.find((s) => s.id === params.lieu) ?? structures[0];
  const today = parisDay(new Date());
  // The month just ended by default (its invoices are the ones sent now); the months around it to choose from.
  const months = Array.from({ length: 13 }, (_, i) => i).reduce<string[]>(
    (list) => [...list, previousMonth(list.at(-1)!)],
    [monthOf(today)],
  );
  const month = typeof params.mois === "string" && isMonth(params.mois) && months.includes(params.mois) ? params.mois : months[1]!;
  if (!structure)
    return (
      <Page width="wide">
        <PageHeader title="Prélèvements SEPA" />
        <EmptyState title="Aucun lieu d'accueil">Créez d&apos;abord un lieu d&apos;accueil.</EmptyState>
      </Page>
    );
  // Debits whose due date has passed are collected on opening the page too (the worker does it every hour).
  await collectDueDebits({ structureId: structure.id });
  const [preview, batches] = await Promise.all([
    previewDebits({ structureId: structure.id, month, scope: staff.scope }),
    listBatches({ structureId: structure.id, scope: staff.scope }),
  ]);
  const rows: DataRow[] = preview.lines.map((l) => ({
    id: l.invoiceId,
    label: `Facture ${l.invoiceNumber}, ${l.payerName}`,
    search: `${l.invoiceNumber} ${l.payerName} ${l.rum}`,
    sort: { numero: l.invoiceNumber, famille: l.payerName, montant: l.amountCents },
    cells: {
      numero: l.invoiceNumber,
      famille: (
        <Link href={`/admin/facturation/familles/${l.familyId}`} className={linkClass}>
          {l.payerName}
        </Link>
      ),
      rum: l.rum,
      sequence: l.excluded ? "—" : l.sequence === "FRST" ? "Premier (FRST)" : "Récurrent (RCUR)",
      montant: formatCents(l.amountCents),
      etat: l.excluded ? `Non prélevée : ${l.excluded}` : "À prélever",
    },
  }));
  const batchRows: DataRow[] = batches.map((b) => ({
    id: b.id,
    label: `Lot ${b.messageId}`,
    sort: { cree: b.createdAt.toISOString(), echeance: b.dueDate, total: b.totalCents },
    cells: {
      cree: formatDateTime(b.createdAt),
      mois: formatMonth(b.month),
      echeance: formatCalendarDate(new Date(`${b.dueDate}T00:00:00Z`)),
      nombre: b.count,
      total: formatCents(b.totalCents),
      suivi: [
        b.pending ? `${b.pending} en attente` : "",
        b.collected ? `${b.collected} prélevé${b.collected > 1 ? "s" : ""}` : "",
        b.rejected ? `${b.rejected} rejeté${b.rejected > 1 ? "s" : ""} (${formatCents(b.rejectedCents)})` : "",
      ]
        .filter(Boolean)
        .join(", "),
      actions: (
        <span className="flex flex-wrap gap-x-3">
          <a
            className={linkClass}
            href={`/admin/facturation/prelevements/${b.id}/fichier`}
            download
            aria-label={`Télécharger le fichier du lot ${b.messageId}`}
          >
            Fichier XML
          </a>
          <Link className={linkClass} href={`/admin/facturation/prelevements/${b.id}`} aria-label={`Prélèvements du lot ${b.messageId}`}>
            Prélèvements
          </Link>
        </span>
      ),
    },
  }));
  return (
    <Page width="wide">
      <PageHeader
        title="Prélèvements SEPA"
        breadcrumbs={[{ label: "Facturation", href: "/admin/facturation" }]}
        description="Les factures à payer d'un mois, des familles ayant un mandat actif, prélevées pour ce qui reste dû. Le fichier se dépose sur le site de votre banque ; chaque famille est prévenue par e-mail du montant et de la date."
      />
      <FilterForm label="Lieu d'accueil et mois">
        <FilterSelect id="prelevement-lieu" name="lieu" label="Lieu d'accueil" value={structure.id} choices={structures} />
        <FilterSelect
          id="prelevement-mois"
          name="mois"
          label="Mois facturé"
          value={month}
          choices={months.map((m) => ({ id: m, name: formatMonth(m) }))}
        />
      </FilterForm>
      <h2 id="lot-a-exporter" tabIndex={-1} className="mb-2 text-xl font-bold">
        Factures {deMonth(month)} — {structure.name}
      </h2>
      {!preview.ready ? (
        <p className="mb-4">
          Le prélèvement de ce lieu n&apos;est pas paramétré.{" "}
          <Link className={linkClass} href={`/admin/structures/${structure.id}/prelevement`}>
            Renseigner l&apos;ICS et le compte du créancier
          </Link>
          .
        </p>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState title="Aucune facture à prélever pour ce mois">
          Les factures envoyées et non payées des familles ayant un mandat actif (depuis ce mois ou avant) apparaissent ici.
        </EmptyState>
      ) : (
        <DataTable
          caption={`Prélèvements ${deMonth(month)}`}
          rows={rows}
          filterLabel="Filtrer (numéro, famille, RUM)"
          columns={[
            { key: "numero", header: "Facture", sortable: true, rowHeader: true },
            { key: "famille", header: "Famille", sortable: true },
            { key: "rum", header: "RUM" },
            { key: "sequence", header: "Séquence" },
            { key: "montant", header: "Montant", sortable: true },
            { key: "etat", header: "État" },
          ]}
        />
      )}
      {preview.ready && preview.count > 0 ? (
        <Card className="my-6 max-w-2xl">
          <h3 className="mb-2 text-lg font-bold">Exporter le fichier de prélèvement</h3>
          <p className="mb-2">
            {count(preview.count, "prélèvement")} pour <strong>{formatCents(preview.totalCents)}</strong>.
          </p>
          <SchemaForm
            schema="sepaExport"
            idPrefix="export"
            hidden={{ structureId: structure.id, month }}
            fields={[
              {
                name: "dueDate",
                label: "Date d'échéance",
                type: "date",
                required: true,
                hint: `Au plus tôt le ${formatCalendarDate(new Date(`${preview.earliestDueDate}T00:00:00Z`))} (pré-notification de ${preview.lieu.sepaPrenotificationDays} jours). Jours calendaires : choisissez un jour ouvré, votre banque ne prélève pas les week-ends et jours fériés.`,
              },
            ]}
            defaultValues={{ dueDate: preview.earliestDueDate }}
            submitLabel="Exporter le fichier de prélèvement"
            action={exportBatchAction}
            toastOnSuccess
            focusAfter={["lots", "titre-page"]}
            confirm={{
              title: `Exporter ${count(preview.count, "prélèvement")} (${formatCents(preview.totalCents)}) ?`,
              description:
                "Le lot est enregistré, chaque famille reçoit un e-mail de pré-notification avec le montant et la date, et ses factures ne peuvent plus être payées en ligne d'ici là. Téléchargez ensuite le fichier XML dans la liste des lots pour le déposer à votre banque.",
              confirmLabel: "Exporter le fichier",
            }}
          />
        </Card>
      ) : null}
      <h2 id="lots" tabIndex={-1} className="mt-8 mb-2 text-xl font-bold">
        Lots de prélèvement — {structure.name}
      </h2>
      <p className="mb-2 text-sm">
        Un prélèvement est compté payé le lendemain de son échéance, sauf rejet enregistré. Un rejet enregistré ensuite annule ce paiement.
      </p>
      {batchRows.length === 0 ? (
        <EmptyState title="Aucun lot exporté" />
      ) : (
        <DataTable
          caption={`Lots de prélèvement de ${structure.name}`}
          rows={batchRows}
          initialSort={{ key: "cree", desc: true }}
          columns={[
            { key: "cree", header: "Exporté le", sortable: true, rowHeader: true },
            { key: "mois", header: "Mois" },
            { key: "echeance", header: "Échéance", sortable: true },
            { key: "nombre", header: "Prélèvements" },
            { key: "total", header: "Total", sortable: true },
            { key: "suivi", header: "Suivi" },
            { key: "actions", header: "Fichier et détail" },
          ]}
        />
      )}
      {batchRows.length > 0 ? (
        <details className="mt-6 max-w-2xl">
          <summary className={`${linkClass} cursor-pointer`}>Importer les rejets de la banque</summary>
          <Card className="mt-2">
            <SchemaForm
              schema="sepaImport"
              idPrefix="rejets"
              hidden={{ structureId: structure.id }}
              fields={[
                {
                  name: "lines",
                  label: "Rejets",
                  type: "textarea",
                  rows: 6,
                  required: true,
                  hint: "Une ligne par prélèvement rejeté : « EndToEndId;code » (exemple : PF-CSLT-000001-2027-000012;AM04), copiées du relevé de rejets de votre banque. Tout ou rien : une ligne inconnue est signalée et rien n'est enregistré.",
                },
              ]}
              defaultValues={{ lines: "" }}
              submitLabel="Enregistrer les rejets"
              action={importReturnsAction}
              toastOnSuccess
              resetOnSuccess
              focusAfter={["lots"]}
            />
          </Card>
        </details>
      ) : null}
    </Page>
  );
}
