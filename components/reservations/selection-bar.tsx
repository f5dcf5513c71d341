import { formatCents } from "@/lib/format";
import { Button } from "@/components/ui/button";

/**
 * The sticky bar under the calendar: how many requests will be sent and their total (never the cells the
 * activity's rules will refuse: each says why under itself), and the send.
 */
export function SelectionBar({
  sendCount,
  refusedCount,
  total,
  pending,
  onClear,
  onSend,
}: {
  /** Selected cells that will be sent. */
  sendCount: number;
  /** Selected cells the rules will refuse: not sent, not counted. */
  refusedCount: number;
  total: number;
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
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p aria-live="polite" className="text-sm text-gray-900 sm:text-base">
          {sendCount === 0 && refusedCount === 0 ? (
            "Aucune demande sélectionnée : choisissez des cases libres."
          ) : (
            <>
              {sendCount === 0 ? (
                <strong>Aucune demande à envoyer</strong>
              ) : (
                <>
                  <strong>
                    {sendCount} {sendCount > 1 ? "demandes sélectionnées" : "demande sélectionnée"}
                  </strong>{" "}
                  · montant estimé {formatCents(total)}
                </>
              )}
              {refusedCount > 0 ? (
                <span className="block text-red-900">
                  {refusedCount > 1
                    ? `${refusedCount} autres cases ne seront pas envoyées : les règles de l'activité les refusent (voir sous chaque case).`
                    : "1 autre case ne sera pas envoyée : les règles de l'activité la refusent (voir sous la case)."}
                </span>
              ) : null}
            </>
          )}
        </p>
        <div className="flex flex-wrap items-center justify-end gap-1 sm:gap-2">
          {sendCount + refusedCount > 0 ? (
            <Button variant="quiet" size="sm" className="whitespace-nowrap px-2" onClick={onClear} disabled={pending}>
              <span className="sm:hidden">Désélectionner</span>
              <span className="max-sm:hidden">Tout désélectionner</span>
            </Button>
          ) : null}
          <Button
            className="whitespace-nowrap"
            onClick={onSend}
            disabled={sendCount === 0}
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
