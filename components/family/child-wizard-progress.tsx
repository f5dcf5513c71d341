import { Check } from "lucide-react";
import { CHILD_STEPS } from "@/lib/families/child-options";

const TITLES = [...CHILD_STEPS.map((s) => s.title), "Vérification"];
const REVIEW = CHILD_STEPS.length;

/** The list of steps: the current one marked, those already seen as buttons to go back to, the others plain. */
export function ChildWizardProgress({ step, visited, onGoTo }: { step: number; visited: number; onGoTo: (step: number) => void }) {
  return (
    <ol className="mb-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-5" aria-label="Étapes">
      {TITLES.map((title, index) => {
        const state = index === step ? "current" : index <= visited ? "visited" : "todo";
        const label = index < REVIEW ? `${index + 1}. ${title}` : title;
        return (
          <li
            key={title}
            aria-current={state === "current" ? "step" : undefined}
            className={index === REVIEW ? "col-span-2 sm:col-span-1" : undefined}
          >
            {state === "visited" ? (
              <button
                type="button"
                onClick={() => onGoTo(index)}
                className="flex min-h-11 w-full items-center gap-1 rounded border border-green-700 px-2 py-1 text-left text-green-950 underline hover:bg-green-50"
              >
                <Check aria-hidden="true" className="size-4 shrink-0" /> {label}
                <span className="sr-only"> (revenir à cette étape)</span>
              </button>
            ) : (
              <span
                className={`flex min-h-11 items-center rounded border px-2 py-1 ${state === "current" ? "border-brand bg-brand-soft font-bold text-brand-dark" : "border-gray-400 text-gray-800"}`}
              >
                {label}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
