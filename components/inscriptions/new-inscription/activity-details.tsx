import { CalendarDays, Clock, Euro, Users } from "lucide-react";
import type { ActivitySummary } from "@/lib/inscriptions/summarise-activities";
import { count, formatCents, formatDateTime } from "@/lib/format";
import { Badge } from "@/components/ui/badge";

/** What a parent needs to choose an activity: description, days, units, ages, price, opening, places, validation. */
export function ActivityDetails({ summary }: { summary: ActivitySummary }) {
  return (
    <ul className="mt-1 flex flex-col gap-1 text-sm text-gray-800">
      {summary.description ? <li>{summary.description}</li> : null}
      {summary.days ? (
        <li className="flex gap-2">
          <CalendarDays aria-hidden="true" className="size-4 shrink-0" />
          {`Ouvert ${summary.days}`}
        </li>
      ) : null}
      {summary.units.length > 0 ? (
        <li className="flex gap-2">
          <Clock aria-hidden="true" className="size-4 shrink-0" />
          {summary.units.map((u) => `${u.name} ${u.hours}`).join(" · ")}
        </li>
      ) : null}
      {summary.ages.length > 0 ? (
        <li className="flex gap-2">
          <Users aria-hidden="true" className="size-4 shrink-0" />
          {summary.ages.join(" · ")}
        </li>
      ) : null}
      {summary.price ? (
        <li className="flex gap-2">
          <Euro aria-hidden="true" className="size-4 shrink-0" />
          {summary.price.minCents === summary.price.maxCents
            ? formatCents(summary.price.minCents)
            : `de ${formatCents(summary.price.minCents)} à ${formatCents(summary.price.maxCents)}`}{" "}
          par temps d&apos;accueil{summary.price.forFamilyQf ? " pour votre quotient familial" : " selon le quotient familial"}
        </li>
      ) : null}
      <li className="flex flex-wrap gap-2 pt-1">
        {summary.opensAt ? <Badge tone="waiting">Inscriptions à partir du {formatDateTime(summary.opensAt)}</Badge> : null}
        {summary.placesLeft !== null ? (
          <Badge tone={summary.placesLeft === 0 ? "refused" : summary.placesLeft <= 5 ? "waiting" : "done"}>
            {summary.placesLeft === 0 ? "Complet : liste d'attente" : `${count(summary.placesLeft, "place restante", "places restantes")}`}
          </Badge>
        ) : null}
        <Badge tone="info">{summary.automatic ? "Validation immédiate" : "Validée par l'accueil"}</Badge>
      </li>
    </ul>
  );
}
