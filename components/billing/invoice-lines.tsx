import { formatCalendarDate, formatCents } from "@/lib/format";
import { Badge } from "@/components/ui/badge";

export interface InvoiceLineView {
  id: string;
  label: string;
  date: Date | null;
  totalCents: number;
  /** The day was an « absence facturée »: charged though the child did not come. */
  billedAbsence: boolean;
  /** What made the price beyond the QF (ADR 055): « tarif hors commune · réduction fratrie -10 % ». */
  priceNote?: string | null;
}

/** The lines of an invoice or an avoir, as the parent and the finance office read them (a billed absence says so). */
export function InvoiceLines({ lines, caption }: { lines: InvoiceLineView[]; caption: string }) {
  return (
    <table className="mt-2 w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="text-left">
          <th scope="col">Date</th>
          <th scope="col">Enfant et unité</th>
          <th scope="col" className="text-right">
            Prix
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.id} className="border-t border-gray-200">
            <td className="py-1 pr-2 align-top">{l.date ? formatCalendarDate(l.date) : ""}</td>
            <td className="py-1 pr-2 align-top [overflow-wrap:anywhere]">
              {l.label}
              {l.billedAbsence ? (
                <>
                  {" "}
                  <Badge tone="refused">absence facturée</Badge>
                </>
              ) : null}
              {l.priceNote ? <span className="block text-xs text-gray-800">{l.priceNote}</span> : null}
            </td>
            <td className="py-1 text-right align-top">{formatCents(l.totalCents)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
