import "server-only";
import type { Tx } from "@/lib/db";
import { enqueueEmail, enqueueEmails } from "@/lib/email/enqueue-email";
import {
  cancellationsDecidedEmail,
  dayCancelledEmail,
  personName,
  reservationPromotedEmail,
  reservationRequestsEmail,
  reservationsAcceptedEmail,
  reservationsRefusedEmail,
  type ReservationSection,
} from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { portalNamesIn } from "@/lib/settings/manage-portal-identity";
import { dayOf } from "@/lib/calendar/paris";
import { formatLongDate } from "@/lib/format";
import { inscriptionDues } from "@/lib/billing/get-inscription-due";
import { statusLabel, isIn, RESERVATION_STATUSES } from "@/lib/workflow";

/**
 * What a reservation e-mail announces: staff accepting or refusing requests, a
 * waiting request getting a place, cancellations decided (the receipt of a send
 * is queued by the send itself: queueReceipt). One e-mail per family and per
 * event, queued in the transaction of the decision (both commit, or neither).
 */
export type ReservationNotice = "ACCEPTED" | "REFUSED" | "PROMOTED" | "CANCELLATIONS" | "DAY_CANCELLED";

/** « mercredi 6 janvier 2027 - Temps d'accueil : Matin avec repas - Réservation » (seed 000's line, the day in words). */
export function reservationLine(day: string, unitName: string, word: string): string {
  return `${formatLongDate(day)} - Temps d'accueil : ${unitName} - ${word}`;
}

/** One inscription's part of an e-mail: the child, the activity, the inscription's dates, its lines (and its solde dû). */
export function reservationSection(
  inscription: {
    startDate: Date;
    endDate: Date;
    child: { firstName: string; lastName: string };
    activity: { name: string };
  },
  lines: string[],
  dueCents?: number,
): ReservationSection {
  return {
    childName: personName(inscription.child),
    activity: inscription.activity.name,
    start: formatLongDate(inscription.startDate),
    end: formatLongDate(inscription.endDate),
    lines,
    ...(dueCents === undefined ? {} : { dueCents }),
  };
}

async function load(tx: Tx, ids: string[]) {
  return tx.reservation.findMany({
    where: { id: { in: ids } },
    orderBy: [{ date: "asc" }, { timeUnit: { sortOrder: "asc" } }],
    select: {
      id: true,
      date: true,
      status: true,
      foyerId: true,
      timeUnitId: true,
      timeUnit: { select: { name: true } },
      inscription: {
        select: {
          id: true,
          familyId: true,
          startDate: true,
          endDate: true,
          child: { select: { firstName: true, lastName: true } },
          activity: { select: { name: true } },
        },
      },
    },
  });
}

type Row = Awaited<ReturnType<typeof load>>[number];

export async function notifyReservations(tx: Tx, notice: ReservationNotice, ids: string[], reason?: string): Promise<void> {
  if (ids.length === 0) return;
  const rows = await load(tx, ids);
  // Each day is told to the foyer that has it (a shared child's day, ADR 051: its `foyerId`), never to the other one.
  const byFamily = new Map<string, Row[]>();
  for (const row of rows) {
    const foyer = row.foyerId ?? row.inscription.familyId;
    byFamily.set(foyer, [...(byFamily.get(foyer) ?? []), row]);
  }
  // « Une place s'est libérée » is a reminder a family may turn off (Mes coordonnées); the calendar says it anyway.
  const silent =
    notice === "PROMOTED"
      ? new Set(
          (
            await tx.family.findMany({
              where: { id: { in: [...byFamily.keys()] }, remindersOff: { has: "PROMOTED" } },
              select: { id: true },
            })
          ).map((f) => f.id),
        )
      : new Set<string>();
  for (const [familyId, familyRows] of byFamily) {
    if (silent.has(familyId)) continue;
    // The booking confirmations say the inscription's solde dû (seed 000), as the invoice will price it — the foyer's own.
    const dues =
      notice === "ACCEPTED" || notice === "PROMOTED"
        ? await inscriptionDues(tx, [...new Set(familyRows.map((r) => r.inscription.id))], familyId)
        : new Map<string, number>();
    const byInscription = new Map<string, Row[]>();
    for (const row of familyRows) byInscription.set(row.inscription.id, [...(byInscription.get(row.inscription.id) ?? []), row]);
    // Seed 000 says « - Réservation » for an accepted one; otherwise the status as the calendar names it.
    const word = (row: Row) => (notice === "ACCEPTED" ? "Réservation" : statusLabel("RESERVATION", row.status));
    const sections = [...byInscription.values()].map((group) =>
      reservationSection(
        group[0]!.inscription,
        group.map((row) => reservationLine(dayOf(row.date), row.timeUnit.name, word(row))),
        dues.get(group[0]!.inscription.id),
      ),
    );
    const recipients = await familyRecipients(tx, familyId);
    for (const { email: to, person } of recipients) {
      if (notice === "CANCELLATIONS") {
        for (const group of byInscription.values()) {
          const { inscription } = group[0]!;
          const units = new Map<string, { unit: string; excused: string[]; billed: string[] }>();
          for (const row of group) {
            const entry = units.get(row.timeUnitId) ?? { unit: row.timeUnit.name, excused: [], billed: [] };
            (isIn(RESERVATION_STATUSES.EXCUSED, row.status) ? entry.excused : entry.billed).push(formatLongDate(row.date));
            units.set(row.timeUnitId, entry);
          }
          const email = cancellationsDecidedEmail(
            person,
            personName(inscription.child),
            inscription.activity.name,
            [...units.values()],
            reason ?? null,
          );
          await enqueueEmail(tx, { to, familyId, template: "reservation-cancellations", email });
        }
        continue;
      }
      const first = formatLongDate(familyRows[0]!.date);
      const last = formatLongDate(familyRows[familyRows.length - 1]!.date);
      const email =
        notice === "ACCEPTED"
          ? reservationsAcceptedEmail(person, sections, first, last)
          : notice === "REFUSED"
            ? reservationsRefusedEmail(person, sections, reason ?? "")
            : notice === "DAY_CANCELLED"
              ? dayCancelledEmail(person, sections, reason ?? "")
              : reservationPromotedEmail(person, sections);
      await enqueueEmail(tx, { to, familyId, template: `reservation-${notice.toLowerCase()}`, email });
    }
  }
}

/**
 * The receipt of a send, prepared before the places are locked (who receives it, the structure's
 * name) and written after, from what the send decided — one insert per recipient under the lock.
 */
export async function prepareReceipt(tx: Tx, familyId: string) {
  return { familyId, recipients: await familyRecipients(tx, familyId), names: await portalNamesIn(tx) };
}

export async function queueReceipt(
  tx: Tx,
  prepared: Awaited<ReturnType<typeof prepareReceipt>>,
  sections: ReservationSection[],
): Promise<void> {
  if (sections.length === 0) return;
  // One statement for all the family's parents: this runs under the slots' locks.
  await enqueueEmails(
    tx,
    prepared.recipients.map(({ email: to, person }) => ({
      to,
      familyId: prepared.familyId,
      template: "reservation-receipt",
      email: reservationRequestsEmail(person, sections),
      names: prepared.names,
    })),
  );
}
