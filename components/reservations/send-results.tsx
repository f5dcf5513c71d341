import { Alert } from "@/components/ui/field";
import type { SendResults as Results } from "./use-calendar-submission";

/** Above the calendar, where the focus goes after sending: the error, or the summary and one line per cell (60 at most). */
export function SendResults({ error, results }: { error: string | null; results: Results | null }) {
  return (
    <div id="resultat-envoi" tabIndex={-1} className="focus:outline-none">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {results ? (
        <Alert tone={results.refused > 0 ? "error" : "success"}>
          <p className="font-semibold">
            {results.refused > 0
              ? `Envoi : ${results.summary}. Lisez le motif des refus ci-dessous.`
              : `Demandes envoyées : ${results.summary}.`}
          </p>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {results.lines.slice(0, 60).map((line, i) => (
              <li key={i}>{line}</li>
            ))}
            {results.lines.length > 60 ? <li>et {results.lines.length - 60} autres (voir le calendrier)</li> : null}
          </ul>
        </Alert>
      ) : null}
    </div>
  );
}
