import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CalendarRange, ChevronLeft, ChevronRight } from "lucide-react";
import { parentPage } from "@/lib/auth/session";
import { familyUnpaidBlocks, unpaidBlockMessage } from "@/lib/billing/list-unpaid-blocks";
import { parisDay } from "@/lib/calendar/paris";
import { Alert } from "@/components/ui/field";
import { getMonthCalendar, isMonth, listCalendarChoices } from "@/lib/reservations/get-month-calendar";
import { formatCalendarDate, formatMonth, isoToFrench } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { cn } from "@/components/ui/cn";
import { ReservationCalendar } from "@/components/reservations/reservation-calendar";
import { LEGEND } from "@/components/reservations/cell-look";
import { CalendarFeed } from "@/components/reservations/calendar-feed";
import { getCalendarFeed } from "@/lib/reservations/publish-calendar-feed";
import {
  askCancellationAction,
  renewCalendarFeedAction,
  revokeCalendarFeedAction,
  sendReservationRequestsAction,
  withdrawReservationAction,
} from "./actions";
import { Page } from "@/components/ui/page";
import { linkClass } from "@/components/ui/classes";

export const metadata: Metadata = { title: "Mes réservations" };

type Search = Promise<{ inscription?: string; mois?: string }>;

export default async function MyReservationsPage({ searchParams }: { searchParams: Search }) {
  const user = await parentPage("/mes-reservations", searchParams);
  const search = await searchParams;
  const inscriptionId = typeof search.inscription === "string" && search.inscription.length <= 64 ? search.inscription : null;
  const month = isMonth(search.mois) ? search.mois : undefined;
  // Without a choice: the family view, or the one calendar there is. Another family's inscription: 404.
  const today = parisDay(new Date());
  // Every read of the page at once (ADR 048), each limited to the parent's family; the page waits for the slowest.
  const [calendar, otherChoices, blocks, feed] = await Promise.all([
    getMonthCalendar({ familyId: user.familyId, inscriptionId, month }),
    // The family view's lanes are the family's choices already; one inscription's calendar reads them apart.
    inscriptionId ? listCalendarChoices(user.familyId) : null,
    familyUnpaidBlocks(user.familyId, today),
    getCalendarFeed(user.familyId),
  ]);
  if (!calendar) notFound();
  const choices = otherChoices ?? calendar.lanes;
  const family = { lanes: choices };
  const familyView = inscriptionId === null && choices.length > 1;
  const href = (m: string | null) =>
    `/mes-reservations?${new URLSearchParams({ ...(inscriptionId ? { inscription: inscriptionId } : {}), ...(m ? { mois: m } : {}) })}`;
  const lane = calendar.lanes.length === 1 ? calendar.lanes[0]! : null;

  return (
    <Page width="wide">
      <PageHeader
        title="Mes réservations"
        description={
          <>
            <strong>Ne pas confondre :</strong> l&apos;inscription inscrit votre enfant à une activité ; la réservation choisit les jours et
            les temps d&apos;accueil, dans une inscription validée.
          </>
        }
        actions={
          family.lanes.length > 0 ? (
            <LinkButton href={`/mes-reservations/periode${lane ? `?inscription=${lane.inscriptionId}` : ""}`} variant="secondary">
              <CalendarRange aria-hidden="true" className="size-5" /> Réservations sur période
            </LinkButton>
          ) : null
        }
      />
      {blocks.map((b) => (
        <Alert key={b.number} tone="error">
          {unpaidBlockMessage(b)}{" "}
          <a className={linkClass} href="/mes-factures">
            Payer mes factures
          </a>
        </Alert>
      ))}
      {family.lanes.length === 0 ? (
        <EmptyState title="Aucune inscription validée" action={<LinkButton href="/mes-inscriptions">Mes inscriptions</LinkButton>}>
          Les réservations se font dans une inscription validée par la structure. Faites une demande d&apos;inscription, puis revenez ici
          une fois qu&apos;elle est validée.
        </EmptyState>
      ) : (
        <>
          <nav aria-label="Calendriers" className="mb-4">
            <ul className="flex flex-wrap gap-2">
              {family.lanes.length > 1 ? (
                <li>
                  <Link
                    href={`/mes-reservations${month ? `?mois=${month}` : ""}`}
                    aria-current={familyView ? "page" : undefined}
                    className={cn(
                      "inline-flex min-h-11 items-center rounded-md border px-3 font-semibold",
                      familyView ? "border-brand bg-brand text-white" : "border-gray-400 bg-white text-gray-900 hover:bg-brand-soft",
                    )}
                  >
                    Toute la famille
                  </Link>
                </li>
              ) : null}
              {family.lanes.map((l) => {
                const current = calendar.lanes.length === 1 && calendar.lanes[0]!.inscriptionId === l.inscriptionId;
                return (
                  <li key={l.inscriptionId}>
                    <Link
                      href={`/mes-reservations?inscription=${l.inscriptionId}${month ? `&mois=${month}` : ""}`}
                      aria-current={current ? "page" : undefined}
                      className={cn(
                        "inline-flex min-h-11 flex-col justify-center rounded-md border px-3 py-1 text-left",
                        current ? "border-brand bg-brand text-white" : "border-gray-400 bg-white text-gray-900 hover:bg-brand-soft",
                      )}
                    >
                      <span className="font-semibold">
                        {l.childFirstName} — {l.activityName}
                      </span>
                      <span className="text-sm">{l.periodName}</span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>

          <div className="mb-3 grid grid-cols-[1fr_auto_1fr] items-center gap-2">
            {calendar.previous ? (
              <Link
                href={href(calendar.previous)}
                aria-label={`Mois précédent : ${formatMonth(calendar.previous)}`}
                className={cn(linkClass, "inline-flex min-h-11 items-center gap-1 justify-self-start")}
              >
                <ChevronLeft aria-hidden="true" className="size-5" />{" "}
                <span className="capitalize">{formatMonth(calendar.previous).split(" ")[0]}</span>
              </Link>
            ) : (
              <span />
            )}
            <h2 id="titre-mois" tabIndex={-1} className="text-center text-xl font-bold capitalize text-gray-900">
              {formatMonth(calendar.month)}
            </h2>
            {calendar.next ? (
              <Link
                href={href(calendar.next)}
                aria-label={`Mois suivant : ${formatMonth(calendar.next)}`}
                className={cn(linkClass, "inline-flex min-h-11 items-center gap-1 justify-self-end")}
              >
                <span className="capitalize">{formatMonth(calendar.next).split(" ")[0]}</span>{" "}
                <ChevronRight aria-hidden="true" className="size-5" />
              </Link>
            ) : (
              <span />
            )}
          </div>

          {lane ? (
            <p className="mb-3 text-gray-800">
              {lane.childFirstName} — {lane.activityName}, inscription du {isoToFrench(lane.startDay)} au {isoToFrench(lane.endDay)}.{" "}
              {lane.automatic
                ? "La validation de la demande est automatique à la sélection."
                : "Toute demande est soumise à validation par la structure d'accueil."}
            </p>
          ) : (
            <p className="mb-3 text-gray-800">
              Chaque jour montre vos enfants et leurs temps d&apos;accueil : sélectionnez les mêmes jours pour plusieurs enfants, puis
              envoyez tout en une fois.
            </p>
          )}

          {calendar.days.length === 0 ? (
            <EmptyState title="Aucun jour d'accueil ce mois-ci">Changez de mois avec les liens ci-dessus.</EmptyState>
          ) : (
            <ReservationCalendar
              key={`${calendar.month}-${inscriptionId ?? "famille"}`}
              calendar={calendar}
              familyView={familyView}
              today={today}
              send={sendReservationRequestsAction}
              cancel={askCancellationAction}
              withdraw={withdrawReservationAction}
            />
          )}

          {calendar.closures.length > 0 ? (
            <section aria-labelledby="fermetures" className="mt-4 text-sm text-gray-800">
              <h2 id="fermetures" className="font-bold">
                Jours sans accueil ce mois-ci
              </h2>
              <ul className="list-disc pl-5">
                {calendar.closures.map((c) => (
                  <li key={`${c.start}-${c.label}`}>
                    {c.label} :{" "}
                    {c.start === c.end
                      ? `le ${formatCalendarDate(new Date(`${c.start}T00:00:00Z`))}`
                      : `du ${isoToFrench(c.start)} au ${isoToFrench(c.end)}`}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <details className="mt-6 text-sm text-gray-900">
            <summary className="inline-flex min-h-11 cursor-pointer items-center font-bold">Légende : couleurs et codes des cases</summary>
            <ul className="grid gap-1 sm:grid-cols-2">
              {LEGEND.map((entry) => (
                <li key={entry.label} className="flex items-center gap-2">
                  <span
                    aria-hidden="true"
                    className={cn(
                      "inline-flex h-7 w-14 shrink-0 items-center justify-center rounded border text-xs font-semibold",
                      entry.look,
                    )}
                  >
                    {entry.code}
                  </span>
                  <span>
                    {entry.code ? (
                      <>
                        <strong>{entry.code}</strong>{" "}
                      </>
                    ) : null}
                    {entry.label}
                  </span>
                </li>
              ))}
            </ul>
          </details>
          <CalendarFeed url={feed?.url ?? null} renew={renewCalendarFeedAction} revoke={revokeCalendarFeedAction} />
        </>
      )}
    </Page>
  );
}
