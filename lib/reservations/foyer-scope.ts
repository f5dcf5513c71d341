import "server-only";
/**
 * A shared child's days (garde alternée, ADR 051), as each foyer sees them. The inscription is the child's (either
 * foyer reaches it, `familyInscriptionWhere`); a reservation is the foyer's that has the day: its `foyerId`, or — null —
 * the inscription's family (every child of one foyer, and days booked before the child had a second foyer).
 *
 * A foyer reads, cancels and is billed for its own reservations only; the other foyer's are « chez l'autre parent »,
 * without detail.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { familyInscriptionWhere } from "@/lib/families/foyers";
import { familyReservationWhere } from "@/lib/families/foyer-wheres";
import type { CustodyCalendar } from "@/lib/families/custody";
import { hasCustody } from "@/lib/families/custody";

/** The reservations a foyer owns: of an inscription it reaches, and its own (foyerId), or the inscription's family's when unset. */
export function foyerReservationWhere(familyId: string): Prisma.ReservationWhereInput {
  return { inscription: familyInscriptionWhere(familyId), ...familyReservationWhere(familyId) };
}

/** The foyer a reservation is the day of (and billed to). */
export const reservationFoyer = (reservation: { foyerId: string | null }, inscriptionFamilyId: string) =>
  reservation.foyerId ?? inscriptionFamilyId;

/** Whether `familyId` may book or cancel the child's `day`: always for a child of one foyer, its custody days otherwise. */
export const mayBookDay = (calendar: CustodyCalendar | undefined, familyId: string, day: string) =>
  !calendar?.secondFamilyId || hasCustody(calendar, familyId, day);

/** The refusal of a day of the other foyer: no detail, nothing of the other foyer's. */
export const otherFoyerDayMessage = (firstName: string) => `Ce jour, ${firstName} est chez l'autre parent.`;

/** The `foyerId` a new reservation is written with: the booking foyer for a shared child, null for a child of one foyer. */
export const foyerIdFor = (calendar: CustodyCalendar | undefined, familyId: string) => (calendar?.secondFamilyId ? familyId : null);
