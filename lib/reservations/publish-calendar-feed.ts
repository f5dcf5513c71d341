import "server-only";
import { foyerReservationWhere } from "./foyer-scope";
import { randomBytes } from "node:crypto";
import ical, { ICalCalendarMethod } from "ical-generator";
import { db, transaction } from "@/lib/db";
import { lockFamily } from "@/lib/locks";
import { addDays, dateOf, parisDay, parisInstant } from "@/lib/calendar/paris";
import { config } from "@/lib/config";
import { structureNameIn } from "@/lib/settings/manage-portal-identity";
import { NotFoundError, RESERVATION_STATUSES, statusIn, isIn } from "@/lib/workflow";

/*
 * The family's calendar feed (ICS): a secret URL, shown in « Mes réservations »,
 * that Google, Apple or Outlook calendars subscribe to. It lists the bookings of
 * every child (child, unit, hours, place). Revoking it, or making a new one,
 * makes the old URL a 404 at once.
 */

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const feedUrl = (token: string) => `${config.appUrl}/calendrier/${token}.ics`;

export async function getCalendarFeed(familyId: string): Promise<{ url: string } | null> {
  const family = await db.family.findUnique({ where: { id: familyId }, select: { calendarToken: true } });
  return family?.calendarToken ? { url: feedUrl(family.calendarToken) } : null;
}

/** A new secret (256 bits): the previous URL, if any, stops working (`replaced`). */
export async function renewCalendarToken(familyId: string): Promise<{ url: string; replaced: boolean }> {
  const token = randomBytes(32).toString("base64url");
  const before = await transaction(async (tx) => {
    await lockFamily(tx, familyId);
    const family = await tx.family.findUnique({ where: { id: familyId }, select: { calendarToken: true } });
    if (!family) throw new NotFoundError();
    await tx.family.update({ where: { id: familyId }, data: { calendarToken: token } });
    return family.calendarToken;
  });
  // Only what the message says depends on the previous one (a second click meanwhile replaces it anyway).
  return { url: feedUrl(token), replaced: before !== null };
}

export async function revokeCalendarToken(familyId: string): Promise<void> {
  await db.family.update({ where: { id: familyId }, data: { calendarToken: null } });
}

/** What is booked, as a calendar shows it: validated bookings (a pending cancellation still is one) and presences. */
const IN_FEED = [...RESERVATION_STATUSES.EXPECTED, "PRESENT"] as const;

/** The ICS text for a token, or null (unknown or revoked: the route answers 404). From 60 days ago on. */
export async function calendarFeedFor(token: string, now = new Date()): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const family = await db.family.findUnique({ where: { calendarToken: token }, select: { id: true, name: true } });
  if (!family) return null;
  const [rows, portal] = await Promise.all([
    db.reservation.findMany({
      // The foyer's own days only (a shared child's days booked by the other foyer are not in this foyer's agenda).
      where: { ...foyerReservationWhere(family.id), status: statusIn([...IN_FEED]), date: { gte: dateOf(addDays(parisDay(now), -60)) } },
      orderBy: [{ date: "asc" }, { timeUnit: { startTime: "asc" } }],
      take: 5000,
      select: {
        id: true,
        date: true,
        status: true,
        updatedAt: true,
        timeUnit: { select: { name: true, startTime: true, endTime: true } },
        inscription: {
          select: {
            child: { select: { firstName: true } },
            activity: { select: { name: true, structure: { select: { name: true, street: true, postalCode: true, city: true } } } },
          },
        },
      },
    }),
    structureNameIn(db),
  ]);
  const calendar = ical({
    name: `${portal} — réservations de la ${family.name.replace(/^Famille /, "famille ")}`,
    prodId: { company: portal, product: "Portail Famille", language: "FR" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 3600,
  });
  for (const r of rows) {
    const day = r.date.toISOString().slice(0, 10);
    const s = r.inscription.activity.structure;
    calendar.createEvent({
      id: `${r.id}@portail-famille`,
      start: parisInstant(day, r.timeUnit.startTime),
      end: parisInstant(day, r.timeUnit.endTime),
      stamp: r.updatedAt,
      summary: `${r.inscription.child.firstName} — ${r.timeUnit.name} (${r.inscription.activity.name})`,
      description: isIn(RESERVATION_STATUSES.CANCELLATION_PENDING, r.status)
        ? "Demande d'annulation envoyée, en attente de réponse."
        : null,
      location: [s.name, s.street, [s.postalCode, s.city].filter(Boolean).join(" ")].filter(Boolean).join(", "),
    });
  }
  return calendar.toString();
}
