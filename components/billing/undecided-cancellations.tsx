import Link from "next/link";
import type { UndecidedCancellation } from "@/lib/billing/list-undecided-cancellations";
import { count, deMonth, formatLongDate } from "@/lib/format";
import { Alert } from "@/components/ui/field";
import { DataTable, type DataRow } from "@/components/ui/data-table";
import { linkClass } from "@/components/ui/classes";

export const UNDECIDED_CANCELLATIONS_ID = "annulations-a-decider";

/**
 * The DAs of the month still undecided (issue 24): left off the invoices until decided, and the month cannot be
 * closed over them. Each row links to « Demandes de réservation » filtered on its lieu and day, where it is decided.
 */
export function UndecidedCancellations(props: { items: UndecidedCancellation[]; month: string; structureId: string }) {
  if (props.items.length === 0) return null;
  const n = props.items.length;
  const warning =
    n > 1
      ? `Ces ${n} demandes d'annulation ${deMonth(props.month)} ne sont pas décidées : elles ne sont sur aucune facture. Décidez-les (absence excusée ou facturée), puis générez le mois à nouveau ; le mois ne peut pas être clôturé avant.`
      : `Cette demande d'annulation ${deMonth(props.month)} n'est pas décidée : elle n'est sur aucune facture. Décidez-la (absence excusée ou facturée), puis générez le mois à nouveau ; le mois ne peut pas être clôturé avant.`;
  const rows: DataRow[] = props.items.map((item) => ({
    id: item.id,
    label: `Demande d'annulation de ${item.child}, ${formatLongDate(item.day)}`,
    search: `${item.family.name} ${item.child} ${item.activity}`,
    sort: { jour: item.day, famille: item.family.name },
    cells: {
      famille: (
        <Link href={`/admin/facturation/familles/${item.family.id}`} className={linkClass}>
          {item.family.name}
        </Link>
      ),
      enfant: item.child,
      jour: (
        <>
          {formatLongDate(item.day)}
          <span className="block text-sm text-gray-700">
            {item.unit} · {item.activity}
          </span>
        </>
      ),
      decider: (
        <Link
          href={`/admin/reservations?structure=${props.structureId}&du=${item.day}&au=${item.day}#annulations`}
          className={linkClass}
          aria-label={`Décider la demande d'annulation de ${item.child}, ${formatLongDate(item.day)}`}
        >
          Décider
        </Link>
      ),
    },
  }));
  return (
    <section aria-labelledby={UNDECIDED_CANCELLATIONS_ID} className="mb-6">
      <h3 id={UNDECIDED_CANCELLATIONS_ID} tabIndex={-1} className="mb-2 text-lg font-bold">
        Demandes d&apos;annulation à décider ({n})
      </h3>
      <Alert tone="error" live={false}>
        {warning}
      </Alert>
      <DataTable
        caption={`${count(n, "demande d'annulation non décidée", "demandes d'annulation non décidées")} ${deMonth(props.month)}`}
        rows={rows}
        filterLabel="Filtrer (famille, enfant, activité)"
        initialSort={{ key: "jour" }}
        columns={[
          { key: "famille", header: "Famille", sortable: true },
          { key: "enfant", header: "Enfant", rowHeader: true },
          { key: "jour", header: "Jour", sortable: true },
          { key: "decider", header: "Décision", phoneLabel: false },
        ]}
      />
    </section>
  );
}
