import { formatCents } from "@/lib/format";
import { Button } from "@/components/ui/button";

/** The sticky bar under the calendar: the rules the selection breaks, how many cells are chosen and their total, and the send. */
export function SelectionBar({
  chosenCount,
  total,
  ruleWarnings,
  pending,
  onClear,
  onSend,
}: {
  chosenCount: number;
  total: number;
  ruleWarnings: string[];
  pending: boolean;
  onClear: () => void;
  onSend: () => void;
}) {
  return (
    <div
      className="sticky bottom-0 z-10 mt-3 border-t border-gray-300 bg-white px-1 py-2 shadow-[0_-4px_12px_rgba(0,0,0,0.08)]"
      role="region"
      aria-label="Demandes sélectionnées"
    >
      {ruleWarnings.length > 0 ? (
        <div role="status" className="mb-2 rounded border border-red-700 bg-red-50 p-2 text-sm text-red-950">
          <p className="font-semibold">Ces demandes seront refusées (règles de l&apos;activité) :</p>
          <ul className="list-disc pl-5">
            {ruleWarnings.slice(0, 5).map((w) => (
              <li key={w}>{w}</li>
            ))}
            {ruleWarnings.length > 5 ? <li>et {ruleWarnings.length - 5} autres</li> : null}
          </ul>
        </div>
      ) : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p aria-live="polite" className="text-sm text-gray-900 sm:text-base">
          {chosenCount === 0 ? (
            "Aucune demande sélectionnée : choisissez des cases libres."
          ) : (
            <>
              <strong>
                {chosenCount} {chosenCount > 1 ? "demandes sélectionnées" : "demande sélectionnée"}
              </strong>{" "}
              · montant estimé {formatCents(total)}
            </>
          )}
        </p>
        <div className="flex flex-wrap items-center justify-end gap-1 sm:gap-2">
          {chosenCount > 0 ? (
            <Button variant="quiet" size="sm" className="whitespace-nowrap px-2" onClick={onClear} disabled={pending}>
              <span className="sm:hidden">Désélectionner</span>
              <span className="max-sm:hidden">Tout désélectionner</span>
            </Button>
          ) : null}
          <Button
            className="whitespace-nowrap"
            onClick={onSend}
            disabled={chosenCount === 0}
            pending={pending}
            pendingLabel="Envoi en cours…"
          >
            Valider mes demandes
          </Button>
        </div>
      </div>
    </div>
  );
}
