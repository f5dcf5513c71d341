import Link from "next/link";
import { Card } from "@/components/ui/card";
import { STEPS, type Option, type StepKey } from "./steps";
import { cn } from "@/components/ui/cn";
import { linkClass } from "@/components/ui/classes";

/**
 * « Vos choix »: each choice made so far, « (seul choix possible) » when it was made for the parent, and a
 * « Modifier » link back to that step (keeping the choices before it).
 */
export function ChosenSummary({ chosen, lists }: { chosen: Partial<Record<StepKey, string>>; lists: Record<StepKey, Option[]> }) {
  const query = (upTo: number) =>
    new URLSearchParams(
      STEPS.slice(0, upTo)
        .filter((s) => chosen[s.key])
        .map((s) => [s.key, chosen[s.key]!]),
    ).toString();
  return (
    <Card className="mb-4">
      <h2 className="sr-only">Vos choix</h2>
      <dl className="grid grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-1 text-sm">
        {STEPS.map((step, index) =>
          chosen[step.key] ? (
            <div key={step.key} className="contents">
              <dt className="font-semibold">{step.label}</dt>
              <dd>
                {lists[step.key].find((o) => o.id === chosen[step.key])?.label}
                {lists[step.key].length === 1 ? <span className="text-gray-700"> (seul choix possible)</span> : null}
              </dd>
              <dd>
                {lists[step.key].length === 1 ? null : (
                  <Link
                    href={`/mes-inscriptions/nouvelle?${query(index)}`}
                    className={cn(linkClass, "inline-flex min-h-11 items-center")}
                    aria-label={`Modifier : ${step.label}`}
                  >
                    Modifier
                  </Link>
                )}
              </dd>
            </div>
          ) : null,
        )}
      </dl>
    </Card>
  );
}
