import type { ParentCustodyWeek } from "@/lib/families/get-custody-plan";
import { formatLongDate } from "@/lib/format";
import { cn } from "@/components/ui/cn";

/**
 * The parent's « Calendrier de garde » (read-only, garde alternée — ADR 051): week by week, each day « Chez vous » or
 * « Chez l'autre parent », never more about the other foyer. One column at 390 px, seven from the tablet on.
 */
export function CustodyWeeks({ weeks, today }: { weeks: ParentCustodyWeek[]; today: string }) {
  return (
    <div className="flex flex-col gap-5">
      {weeks.map((week) => (
        <section key={week.monday} aria-labelledby={`semaine-${week.monday}`}>
          <h2 id={`semaine-${week.monday}`} className="mb-2 text-lg font-bold">
            Semaine {week.week} ({week.week % 2 === 0 ? "paire" : "impaire"}) — du {formatLongDate(week.monday)}
          </h2>
          <ul className="grid grid-cols-1 gap-2 sm:grid-cols-7">
            {week.days.map((d) => (
              <li
                key={d.day}
                aria-current={d.day === today ? "date" : undefined}
                className={cn(
                  "flex items-center justify-between gap-2 rounded-md border p-3 sm:flex-col sm:items-start",
                  d.atHome ? "border-brand bg-brand-soft text-gray-900" : "border-gray-300 bg-gray-50 text-gray-800",
                  d.day === today && "ring-2 ring-gray-900",
                )}
              >
                <span className="font-semibold capitalize">{formatLongDate(d.day).replace(/ \d{4}$/, "")}</span>
                <span>{d.atHome ? "Chez vous" : "Chez l'autre parent"}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
