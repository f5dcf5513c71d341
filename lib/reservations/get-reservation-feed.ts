import "server-only";
import { familyInscriptionWhere } from "@/lib/families/foyers";
import { foyerReservationWhere } from "./foyer-scope";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { addDays, dateOf, dayOf, parisDay } from "@/lib/calendar/paris";
import { count, deName, formatDayMonth } from "@/lib/format";
import { isIn, RESERVATION_STATUSES, statusLabel, statusTone, statusIn } from "@/lib/workflow";
import type { ReservationStatus } from "@/lib/generated/prisma/enums";
import type { DashboardRequest } from "@/lib/families/get-family-dashboard";

/**
 * What the dashboard follows: requests waiting for the structure, and decisions of the last weeks — a
 * cancellation decided (always with its reason; a pointage's absence has none and is not a request) and a
 * day cancelled by the structure.
 */
const FOLLOWED: ReservationStatus[] = [
  "REQUESTED",
  "WAITLISTED",
  "CANCELLATION_REQUESTED",
  "REFUSED",
  "ABSENT_EXCUSED",
  "ABSENT_BILLED",
  "CANCELLED",
];
const CANCELLATIONS: ReservationStatus[] = ["CANCELLATION_REQUESTED", "ABSENT_EXCUSED", "ABSENT_BILLED"];
const MAX_DAYS_LISTED = 6;

/**
 * « Mon tableau de bord »: reservation and cancellation requests, one line per
 * inscription and state (« Réservations de Léa — Mercredis : 3 jours (06/01,
 * 13/01, 20/01) », En liste d'attente), for days from two weeks ago on.
 */
export async function reservationFeed(familyId: string, now: Date): Promise<DashboardRequest[]> {
  const rows = await db.reservation.findMany({
    where: {
      // The foyer's own days (a shared child's days of the other foyer are its own, ADR 051).
      ...foyerReservationWhere(familyId),
      status: { in: FOLLOWED },
      date: { gte: feedSince(now) },
      NOT: { status: statusIn(RESERVATION_STATUSES.ABSENT), reason: null },
    },
    orderBy: [{ date: "asc" }],
    select: {
      id: true,
      status: true,
      date: true,
      reason: true,
      createdAt: true,
      updatedAt: true,
      decidedAt: true,
      inscriptionId: true,
      inscription: { select: { child: { select: { firstName: true } }, activity: { select: { name: true } } } },
    },
  });
  return reservationFeedOf(
    rows.map(({ inscription, ...r }) => ({ ...r, childFirstName: inscription.child.firstName, activityName: inscription.activity.name })),
  );
}

/** The first day the feed follows: two weeks before today (Paris). */
export const feedSince = (now: Date) => dateOf(addDays(parisDay(now), -14));

/**
 * The SQL twin of `reservationFeed`'s filter, for the dashboard's one statement (ADR 048): the same statuses, days and
 * absences left out (`r` is the reservation, already limited to the family's inscriptions by the caller).
 */
export function followedReservationSql(now: Date) {
  return Prisma.sql`r."status"::text = ANY(${FOLLOWED}) AND r."date" >= ${feedSince(now)}
    AND NOT (r."status"::text = ANY(${[...RESERVATION_STATUSES.ABSENT]}) AND r."reason" IS NULL)`;
}

export interface FeedReservation {
  id: string;
  status: ReservationStatus;
  date: Date;
  reason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  inscriptionId: string;
  childFirstName: string;
  activityName: string;
}

/** The feed's lines from its reservations, in day order (one line per inscription, state and reason). */
export function reservationFeedOf(rows: FeedReservation[]): DashboardRequest[] {
  const groups = new Map<string, FeedReservation[]>();
  for (const row of rows) {
    const key = `${row.inscriptionId}|${row.status}|${row.reason ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    const days = group.map((r) => formatDayMonth(r.date));
    const listed = days.length > MAX_DAYS_LISTED ? `${days.slice(0, MAX_DAYS_LISTED).join(", ")}…` : days.join(", ");
    const cancellation = CANCELLATIONS.includes(first.status);
    const what = cancellation ? "Annulations" : "Réservations";
    const decided = group.map((r) => r.decidedAt).filter((d): d is Date => d !== null);
    return {
      id: `reservations-${first.id}`,
      kind: cancellation ? "CANCELLATION" : "RESERVATION",
      label: `${what} ${deName(first.childFirstName)} — ${first.activityName} : ${count(group.length, "jour")} (${listed})`,
      state: { label: statusLabel("RESERVATION", first.status), tone: statusTone("RESERVATION", first.status) },
      reason: first.reason,
      sentAt: new Date(Math.min(...group.map((r) => r.createdAt.getTime()))),
      decidedAt: isIn(RESERVATION_STATUSES.AWAITING_DECISION, first.status)
        ? null
        : decided.length
          ? new Date(Math.max(...decided.map((d) => d.getTime())))
          : null,
      href: `/mes-reservations?inscription=${first.inscriptionId}&mois=${dayOf(first.date).slice(0, 7)}`,
    };
  });
}

/** « À faire »: a validated inscription still to come or running, with no day booked yet. */
export async function inscriptionsWithoutReservation(familyId: string, now: Date) {
  const today = dateOf(parisDay(now));
  const rows = await db.inscription.findMany({
    where: {
      ...familyInscriptionWhere(familyId),
      status: "VALIDATED",
      endDate: { gte: today },
      // Nothing this foyer booked (a shared child: the other foyer's days are not this one's to-do).
      reservations: { none: { OR: [{ foyerId: familyId }, { foyerId: null, inscription: { familyId } }] } },
    },
    select: { id: true, child: { select: { firstName: true } }, activity: { select: { name: true } } },
  });
  return rows.map((r) => reserveTodo({ id: r.id, childFirstName: r.child.firstName, activityName: r.activity.name }));
}

export const reserveTodo = (r: { id: string; childFirstName: string; activityName: string }) => ({
  text: `Réservez les jours ${deName(r.childFirstName)} — ${r.activityName}`,
  href: `/mes-reservations?inscription=${r.id}`,
});
