import type { Metadata } from "next";
import Link from "next/link";
import { staffPage } from "@/lib/auth/session";
import { listStructures } from "@/lib/activities/manage-structures";
import { listMonthInvoices } from "@/lib/billing/list-invoices";
import { addDays, isMonth, monthOf, parisDay, previousMonth } from "@/lib/calendar/paris";
import { count, deMonth, formatCalendarDate, formatCents, formatDateTime, formatMonth, plural } from "@/lib/format";
import { statusLabel, statusTone } from "@/lib/workflow";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/ui/status-badge";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { SchemaForm } from "@/components/form/schema-form";
import { FilterForm, FilterSelect } from "@/components/admin/filter-select";
import { BillingRunStatus } from "@/components/billing/billing-run-status";
import { lastBillingRun } from "@/lib/billing/run-billing";
import { listUndecidedCancellations } from "@/lib/billing/list-undecided-cancellations";
import { UndecidedCancellations } from "@/components/billing/undecided-cancellations";
import { billingSettingsAction, generateMonthAction, issueMonthAction, lockMonthAction, resumeBillingRunAction } from "./actions";
import { DAY_RANGES, monthInRange } from "@/lib/forms/date-ranges";
import { BILLING_RUN_STATUSES, INVOICE_STATUSES, isIn } from "@/lib/workflow/machines";
import { Page } from "@/components/ui/page";
import { linkClass, cardClass } from "@/components/ui/classes";
import { cn } from "@/components/ui/cn";

export const metadata: Metadata = { title: "Facturation" };

export default async function BillingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await staffPage("/admin/facturation", searchParams);
  const params = await searchParams;
  const structures = await listStructures(staff.scope);
  const structure = structures.find((s) => s.id === params.lieu) ?? structures[0];
  // By default the month just ended: the one to bill.
  const month =
    typeof params.mois === "string" && isMonth(params.mois) && monthInRange(params.mois, DAY_RANGES.filter, parisDay(new Date()))
      ? params.mois
      : previousMonth(monthOf(parisDay(new Date())));
  // The months that have ended (a month is billed once over), the last one first.
  const months = Array.from({ length: 12 }, (_, i) => i).reduce<string[]>(
    (list) => [...list, previousMonth(list.at(-1)!)],
    [previousMonth(monthOf(parisDay(new Date())))],
  );
  if (!structure)
    return (
      <Page width="wide">
        <PageHeader title="Facturation" />
        <EmptyState title="Aucun lieu d'accueil">Créez d&apos;abord un lieu d&apos;accueil.</EmptyState>
      </Page>
    );
  const [{ invoices, settings, generatedAt, lockedAt }, run, undecided] = await Promise.all([
    listMonthInvoices(structure.id, month),
    lastBillingRun(structure.id, month),
    listUndecidedCancellations({ structureId: structure.id, month, scope: staff.scope }),
  ]);
  const undecidedNote =
    undecided.length === 0
      ? null
      : `${count(undecided.length, "demande d'annulation non décidée", "demandes d'annulation non décidées")} : voir la liste ci-dessous.`;
  const today = parisDay(new Date());
  const drafts = invoices.filter((i) => isIn(INVOICE_STATUSES.NOT_SENT, i.status)).length;
  const rows: DataRow[] = invoices.map((i) => ({
    id: i.id,
    label: `Facture ${i.number}, ${i.family.name}`,
    search: `${i.number} ${i.family.name}`,
    sort: { numero: i.number, famille: i.family.name, total: i.totalCents },
    cells: {
      numero: (
        <Link href={`/factures/${i.id}/facture`} className={linkClass} prefetch={false}>
          {i.kind === "CREDIT_NOTE" ? `Avoir ${i.number}` : i.number}
        </Link>
      ),
      famille: (
        <Link href={`/admin/facturation/familles/${i.family.id}`} className={linkClass}>
          {i.family.name}
        </Link>
      ),
      lignes: i._count.lines,
      total: formatCents(i.totalCents),
      paye: formatCents(i.paidCents),
      echeance: i.dueDate ? formatCalendarDate(i.dueDate) : "—",
      etat: <StatusBadge label={statusLabel("INVOICE", i.status)} tone={statusTone("INVOICE", i.status)} />,
    },
  }));
  return (
    <Page width="wide">
      <PageHeader
        title="Facturation"
        breadcrumbs={[{ label: "Tableau de bord", href: "/admin" }]}
        description="Générez les factures d'un mois (réservations validées, présences, absences facturées ; jamais les absences excusées ni les jours annulés par la structure), envoyez-les aux familles, puis clôturez le mois."
        actions={
          <Link className={linkClass} href={`/admin/facturation/prelevements?lieu=${structure.id}&mois=${month}`}>
            Prélèvements SEPA
          </Link>
        }
      />
      <nav aria-label="Documents annuels" className="mb-4">
        <ul className="flex flex-wrap gap-x-6 gap-y-1">
          <li>
            <Link className={linkClass} href="/admin/facturation/attestations">
              Attestations fiscales
            </Link>
          </li>
          <li>
            <Link className={linkClass} href="/admin/facturation/caf">
              Chiffres pour la CAF
            </Link>
          </li>
        </ul>
      </nav>
      <FilterForm label="Lieu d'accueil et mois">
        <FilterSelect id="facturation-lieu" name="lieu" label="Lieu d'accueil" value={structure.id} choices={structures} />
        <FilterSelect
          id="facturation-mois"
          name="mois"
          label="Mois"
          value={month}
          choices={months.map((m) => ({ id: m, name: formatMonth(m) }))}
        />
      </FilterForm>
      <h2 id="mois-facture" tabIndex={-1} className="mb-2 text-xl font-bold">
        {formatMonth(month).replace(/^./, (c) => c.toUpperCase())} — {structure.name}
      </h2>
      <p className="mb-4 text-gray-800">
        {lockedAt
          ? `Mois clôturé le ${formatDateTime(lockedAt)}.`
          : generatedAt
            ? `Dernière génération le ${formatDateTime(generatedAt)}.`
            : isIn(BILLING_RUN_STATUSES.RUNNING, run?.status)
              ? ""
              : "Pas encore généré."}
      </p>
      <BillingRunStatus
        run={run}
        resume={
          run?.interrupted ? (
            <SchemaForm
              schema="billingRun"
              idPrefix="reprendre"
              fields={[]}
              hidden={{ structureId: structure.id, runId: run.id }}
              defaultValues={{}}
              submitLabel="Reprendre"
              focusAfter={["etat-facturation", "mois-facture"]}
              action={resumeBillingRunAction}
              toastOnSuccess
            />
          ) : null
        }
      />
      {lockedAt ? null : (
        <div className="mb-6 grid gap-4 md:grid-cols-3">
          <Card>
            <h3 className="mb-2 text-lg font-bold">1. Générer le mois</h3>
            <p className="mb-2 text-sm">
              Une facture par famille pour ce qui n&apos;est pas encore facturé ; relancé, le mois ne facture que ce qui est nouveau
              (facture complémentaire).
            </p>
            {undecidedNote ? <p className="mb-2 text-sm font-semibold text-red-800">Pas facturées : {undecidedNote}</p> : null}
            <SchemaForm
              schema="billingMonth"
              idPrefix="generer"
              fields={[]}
              hidden={{ structureId: structure.id, month }}
              defaultValues={{}}
              submitLabel="Générer le mois"
              action={generateMonthAction}
            />
          </Card>
          <Card>
            <h3 className="mb-2 text-lg font-bold">2. Envoyer les factures</h3>
            <p className="mb-2 text-sm">
              {drafts === 0
                ? "Aucune facture en brouillon."
                : `${count(drafts, "facture en brouillon", "factures en brouillon")} : ${plural(drafts, "elle passe", "elles passent")} « à payer » et chaque famille reçoit un e-mail. L'envoi se fait en arrière-plan ; suivez sa progression ci-dessus.`}
            </p>
            {drafts === 0 || isIn(BILLING_RUN_STATUSES.RUNNING, run?.status) ? null : (
              <SchemaForm
                schema="issueMonth"
                idPrefix="envoyer"
                fields={[{ name: "dueDate", label: "Payer avant", type: "date", required: true }]}
                hidden={{ structureId: structure.id, month }}
                defaultValues={{ dueDate: addDays(today, settings.invoiceDueDays) }}
                submitLabel="Envoyer les factures"
                focusAfter={["etat-facturation", "mois-facture"]}
                action={issueMonthAction}
                toastOnSuccess
                confirm={{
                  title: `Envoyer ${count(drafts, "facture", "factures")} ?`,
                  description:
                    "Chaque famille reçoit un e-mail avec sa facture ; les factures passent « à payer » et ne peuvent plus être modifiées (une correction se fait par avoir).",
                  confirmLabel: "Envoyer les factures",
                }}
              />
            )}
          </Card>
          <Card>
            <h3 className="mb-2 text-lg font-bold">3. Clôturer le mois</h3>
            <p className="mb-2 text-sm">Plus aucune génération pour ce mois ; une correction se fait par avoir.</p>
            {undecidedNote ? (
              <p className="mb-2 text-sm font-semibold text-red-800">Impossible tant qu&apos;il reste {undecidedNote}</p>
            ) : null}
            <SchemaForm
              schema="billingMonth"
              idPrefix="cloturer"
              fields={[]}
              hidden={{ structureId: structure.id, month }}
              defaultValues={{}}
              submitLabel="Clôturer le mois"
              focusAfter={["mois-facture"]}
              action={lockMonthAction}
              toastOnSuccess
              confirm={{
                title: `Clôturer ${formatMonth(month)} ?`,
                description:
                  "Le mois ne pourra plus être généré à nouveau ; une correction se fera par avoir. Cette action est définitive.",
                confirmLabel: "Clôturer le mois",
              }}
            />
          </Card>
        </div>
      )}
      {lockedAt ? null : <UndecidedCancellations items={undecided} month={month} structureId={structure.id} />}
      <details className={cn(cardClass, "mb-6")}>
        <summary className="cursor-pointer font-semibold">Réglages de facturation de {structure.name}</summary>
        <p className="my-2 text-sm">
          Payer avant : {settings.invoiceDueDays} jours après l&apos;envoi.{" "}
          {settings.unpaidBlockDays === null
            ? "Les réservations ne sont jamais bloquées par une facture impayée."
            : `Une famille ne peut plus réserver quand une facture reste impayée ${settings.unpaidBlockDays} jours après son échéance.`}
        </p>
        <SchemaForm
          schema="billingSettings"
          idPrefix="reglages"
          hidden={{ structureId: structure.id }}
          submitLabel="Enregistrer les réglages"
          action={billingSettingsAction}
          defaultValues={{
            invoiceDueDays: String(settings.invoiceDueDays),
            unpaidBlockDays: settings.unpaidBlockDays === null ? "" : String(settings.unpaidBlockDays),
          }}
          fields={[
            { name: "invoiceDueDays", label: "Délai de paiement (jours après l'envoi)", required: true, inputMode: "numeric" },
            {
              name: "unpaidBlockDays",
              label: "Blocage des réservations (jours après l'échéance)",
              inputMode: "numeric",
              hint: "Vide : jamais. Par exemple 30 : une famille dont une facture est impayée 30 jours après l'échéance ne peut plus faire de nouvelle réservation, et on lui dit pourquoi.",
            },
          ]}
        />
      </details>
      {invoices.length === 0 ? (
        <EmptyState title="Aucune facture pour ce mois">Générez le mois pour créer les factures.</EmptyState>
      ) : (
        <DataTable
          caption={`Factures ${deMonth(month)}`}
          rows={rows}
          filterLabel="Filtrer (numéro, famille)"
          columns={[
            { key: "numero", header: "Numéro", sortable: true, rowHeader: true },
            { key: "famille", header: "Famille", sortable: true },
            { key: "lignes", header: "Lignes" },
            { key: "total", header: "Total", sortable: true },
            { key: "paye", header: "Payé" },
            { key: "echeance", header: "Payer avant" },
            { key: "etat", header: "État" },
          ]}
        />
      )}
    </Page>
  );
}
