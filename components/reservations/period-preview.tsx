import type { PeriodPreview as Preview } from "@/lib/reservations/reserve-period";
import { formatCents, formatLongDate, formatMonth, isoToFrench } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";

/** The cells of the preview, grouped by month then by day (one line per day with its units). */
function byMonth(preview: Preview) {
  const months = new Map<string, { day: string; units: string[] }[]>();
  for (const cell of preview.cells) {
    const month = cell.day.slice(0, 7);
    const list = months.get(month) ?? [];
    const last = list[list.length - 1];
    if (last && last.day === cell.day) last.units.push(cell.unitName);
    else list.push({ day: cell.day, units: [cell.unitName] });
    months.set(month, list);
  }
  return months;
}

/** What made some prices beyond the QF (« tarif hors commune · réduction fratrie -10 % »), each with its count. */
function priceNotes(preview: Preview): [string, number][] {
  const notes = new Map<string, number>();
  for (const cell of preview.cells) if (cell.priceNote) notes.set(cell.priceNote, (notes.get(cell.priceNote) ?? 0) + 1);
  return [...notes];
}

/**
 * « Aperçu »: how many requests, their estimated total, what is skipped and why (rules, closed days, already
 * booked, late, outside the inscription), the dates month by month, and the send (also at the top when long).
 */
export function PeriodPreview({ shown, pending, onSend }: { shown: Preview; pending: boolean; onSend: () => void }) {
  return (
    <section
      id="apercu-periode"
      tabIndex={-1}
      aria-labelledby="apercu-titre"
      className="mt-6 rounded-md border border-gray-300 p-4 focus:outline-none"
    >
      <h2 id="apercu-titre" className="text-lg font-bold">
        Aperçu : {shown.cells.length} {shown.cells.length > 1 ? "demandes" : "demande"} pour {shown.inscription.childFirstName}
      </h2>
      <p className="mt-1 text-lg">
        <strong>Total : {formatCents(shown.totalCents)}</strong>{" "}
        <span className="text-sm text-gray-700">(chaque jour au quotient familial en vigueur ce jour-là, comme sur la facture)</span>
      </p>
      {priceNotes(shown).length > 0 ? (
        <ul className="mt-1 text-sm text-gray-800" aria-label="Prix au-delà du quotient">
          {priceNotes(shown).map(([note, n]) => (
            <li key={note}>
              {note} : {n} {n > 1 ? "demandes" : "demande"}
            </li>
          ))}
        </ul>
      ) : null}
      {shown.cells.length > 12 ? (
        <Button className="mt-2" onClick={onSend} pending={pending} pendingLabel="Envoi en cours…">
          Valider mes demandes de réservations
        </Button>
      ) : null}
      {shown.skipped.rules.length > 0 ? (
        <div className="mt-2 rounded border border-red-700 bg-red-50 p-2 text-sm text-red-950">
          <p className="font-semibold">Non demandées, à cause des règles de l&apos;activité :</p>
          <ul className="list-disc pl-5">
            {[...new Set(shown.skipped.rules.map((r) => r.message))].map((m) => (
              <li key={m}>
                {m} ({shown.skipped.rules.filter((r) => r.message === m).length}{" "}
                {shown.skipped.rules.filter((r) => r.message === m).length > 1 ? "dates" : "date"})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {shown.skipped.closed.length + shown.skipped.booked + shown.skipped.late + shown.skipped.outside + shown.skipped.otherFoyer.length >
      0 ? (
        <ul className="mt-2 list-disc pl-5 text-sm text-gray-800">
          {shown.skipped.closed.length > 0 ? (
            <li>Jours sans accueil ignorés (vacances, jours fériés, fermetures) : {shown.skipped.closed.map(isoToFrench).join(", ")}</li>
          ) : null}
          {shown.skipped.otherFoyer.length > 0 ? (
            <li>
              {shown.skipped.otherFoyer.length} {shown.skipped.otherFoyer.length > 1 ? "jours" : "jour"} chez l&apos;autre parent, ignorés
              (calendrier de garde)
            </li>
          ) : null}
          {shown.skipped.booked > 0 ? <li>{shown.skipped.booked} déjà demandées ou réservées, ignorées</li> : null}
          {shown.skipped.late > 0 ? <li>{shown.skipped.late} dont le délai de réservation est dépassé, ignorées</li> : null}
          {shown.skipped.outside > 0 ? <li>{shown.skipped.outside} en dehors des dates de l&apos;inscription, ignorées</li> : null}
        </ul>
      ) : null}
      {[...byMonth(shown)].map(([month, days]) => (
        <div key={month} className="mt-3">
          <h3 className="font-semibold capitalize">{formatMonth(month)}</h3>
          <ul className="flex flex-col gap-1 text-sm">
            {days.map((d) => (
              <li key={d.day}>
                {formatLongDate(d.day)} : {d.units.join(", ")}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div className="mt-4 flex flex-wrap gap-2">
        <Button onClick={onSend} disabled={shown.cells.length === 0} pending={pending} pendingLabel="Envoi en cours…">
          Valider mes demandes de réservations
        </Button>
        <LinkButton href={`/mes-reservations?inscription=${shown.inscription.id}`} variant="secondary">
          Retour au calendrier
        </LinkButton>
      </div>
    </section>
  );
}
