import type { ParentCustodyWeek } from "@/lib/families/get-custody-plan";
import { formatLongDate } from "@/lib/format";
import { cn } from "@/components/ui/cn";

const shortDay = new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });
const short = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));
const words = (atHome: boolean) => (atHome ? "Chez vous" : "Chez l'autre parent");

/** The days of a week in runs of the same foyer: « du lun. 30 nov. au dim. 6 déc. », « Chez l'autre parent ». */
function runsOf(days: ParentCustodyWeek["days"]) {
  const runs: { from: string; to: string; atHome: boolean }[] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && last.atHome === d.atHome) last.to = d.day;
    else runs.push({ from: d.day, to: d.day, atHome: d.atHome });
  }
  return runs;
}

/**
 * The parent's « Calendrier de garde » (read-only, garde alternée — ADR 051): week by week, each day « Chez vous » or
 * « Chez l'autre parent », never more about the other foyer. At 390 px a week is its runs of days (one line for a
 * week of alternate weeks); from the tablet on, seven days side by side.
 */
export function CustodyWeeks({ weeks, today }: { weeks: ParentCustodyWeek[]; today: string }) {
  const look = (atHome: boolean) => (atHome ? "border-brand bg-brand-soft text-gray-900" : "border-gray-300 bg-white text-gray-800");
  return (
    <div className="flex flex-col gap-5">
      {weeks.map((week) => (
        <section key={week.monday} aria-labelledby={`semaine-${week.monday}`}>
          <h2 id={`semaine-${week.monday}`} className="mb-2 text-lg font-bold">
            Semaine {week.week} ({week.week % 2 === 0 ? "paire" : "impaire"}) — du {formatLongDate(week.monday)}
          </h2>
          <ul className="flex flex-col gap-2 sm:hidden">
            {runsOf(week.days).map((run) => (
              <li key={run.from} className={cn("flex flex-wrap justify-between gap-x-3 rounded-md border p-3", look(run.atHome))}>
                <span className="font-semibold">{run.from === run.to ? short(run.from) : `du ${short(run.from)} au ${short(run.to)}`}</span>
                <span>{words(run.atHome)}</span>
              </li>
            ))}
          </ul>
          <ul className="hidden grid-cols-7 gap-2 sm:grid">
            {week.days.map((d) => (
              <li
                key={d.day}
                aria-current={d.day === today ? "date" : undefined}
                className={cn(
                  "flex flex-col gap-1 rounded-md border p-2 text-sm",
                  look(d.atHome),
                  d.day === today && "ring-2 ring-gray-900",
                )}
              >
                <span className="font-semibold">{short(d.day)}</span>
                <span>{words(d.atHome)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
