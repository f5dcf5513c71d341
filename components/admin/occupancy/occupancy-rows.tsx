import Link from "next/link";
import { formatLongDate, formatShortDay } from "@/lib/format";
import { Badge } from "@/components/ui/badge";
import type { DataRow } from "@/components/ui/data-table";
import type { Occupancy } from "./types";
import { cn } from "@/components/ui/cn";
import { linkClass } from "@/components/ui/classes";

const selectedLook =
  "inline-block rounded px-1 aria-[current=true]:bg-brand-soft aria-[current=true]:ring-2 aria-[current=true]:ring-brand";

/**
 * The rows of the occupancy table: one per day, one cell per unit — « Fermé » (with why, once), « Annulé » (with
 * the reason, once), or booked / places with the waiting list; each open cell links to its slot's detail.
 */
export function occupancyRows(
  occupancy: Occupancy,
  here: (extra: Record<string, string>) => string,
  selected: { unitId?: string; day?: string },
): DataRow[] {
  return occupancy.days.map((d) => ({
    id: d.day,
    label: formatLongDate(d.day),
    cells: {
      jour: <span>{formatShortDay(d.day)}</span>,
      ...Object.fromEntries(
        occupancy.units.map((u, i) => {
          if (d.closed !== null)
            return [
              u.id,
              <span key={u.id} className="inline-block px-1 text-gray-700">
                Fermé{i === 0 ? <span className="block text-xs">{d.closed}</span> : null}
              </span>,
            ];
          const cell = d.cells[i]!;
          const full = cell.booked >= cell.capacity;
          const name = `${u.name}, ${formatLongDate(d.day)}`;
          const current = selected.unitId === u.id && selected.day === d.day ? "true" : undefined;
          // The reason once per day, under the first cancelled unit.
          const firstCancelled = d.cells.findIndex((c) => c.cancelled !== null) === i;
          return [
            u.id,
            cell.cancelled !== null ? (
              <Link
                href={`${here({ unite: u.id, jour: d.day })}#detail`}
                aria-current={current}
                className={cn(linkClass, "text-gray-700", selectedLook)}
                aria-label={`${name} : annulé par la structure, ${cell.cancelled}`}
              >
                Annulé{firstCancelled ? <span className="block text-xs">{cell.cancelled}</span> : null}
              </Link>
            ) : (
              <Link
                href={`${here({ unite: u.id, jour: d.day })}#detail`}
                aria-current={current}
                className={cn(linkClass, selectedLook)}
                aria-label={`${name} : ${cell.booked} réservées sur ${cell.capacity}${cell.waiting ? `, ${cell.waiting} en attente` : ""}${full ? ", complet" : ""}`}
              >
                {cell.booked} / {cell.capacity}
                {full ? (
                  <>
                    {" "}
                    <Badge tone="refused">Complet</Badge>
                  </>
                ) : null}
                {cell.waiting ? <span className="block text-sm">{cell.waiting} en attente</span> : null}
              </Link>
            ),
          ];
        }),
      ),
    },
  }));
}
