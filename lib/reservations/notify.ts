import "server-only";
import type { Tx } from "@/lib/db";
import { enqueueEmail } from "@/lib/email/enqueue";
import {
  cancellationsDecidedEmail, inscriptionTitle, reservationPromotedEmail, reservationRequestsEmail, reservationsAcceptedEmail,
  reservationsRefusedEmail, type ReservationSection,
} from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/recipients";
import { structureNameIn } from "@/lib/settings/identity";
import { formatCalendarDate } from "@/lib/format";
import { statusLabel } from "@/lib/workflow";
import { slotWaitlistPosition } from "./slots";

/**
 * What a reservation e-mail announces: the receipt of a send, staff accepting
 * or refusing requests, a waiting request getting a place, cancellations
 * decided. One e-mail per family and per event, queued in the transaction of
 * the decision (both commit, or neither).
 */
export type ReservationNotice = "RECEIPT" | "ACCEPTED" | "REFUSED" | "PROMOTED" | "CANCELLATIONS";

const ddmm = (date: Date) => formatCalendarDate(date).slice(0, 5);

async function load(tx: Tx, ids: string[]) {
  return tx.reservation.findMany({
    where: { id: { in: ids } },
    orderBy: [{ date: "asc" }, { timeUnit: { sortOrder: "asc" } }],
    select: {
      id: true, date: true, status: true, waitlistRank: true, timeUnitId: true,
      timeUnit: { select: { name: true } },
      inscription: {
        select: {
          id: true, familyId: true, startDate: true, endDate: true,
          child: { select: { firstName: true, lastName: true } },
          activity: { select: { name: true, structure: { select: { name: true } } } },
          period: { select: { name: true } },
        },
      },
    },
  });
}

type Row = Awaited<ReturnType<typeof load>>[number];

async function outcomeWord(tx: Tx, notice: ReservationNotice, row: Row): Promise<string> {
  if (notice === "ACCEPTED") return "Réservation";
  if (row.status === "WAITLISTED") return `${statusLabel("RESERVATION", row.status)} (position ${await slotWaitlistPosition(tx, row)})`;
  return statusLabel("RESERVATION", row.status);
}

export async function notifyReservations(tx: Tx, notice: ReservationNotice, ids: string[], reason?: string): Promise<void> {
  if (ids.length === 0) return;
  const rows = await load(tx, ids);
  const byFamily = new Map<string, Row[]>();
  for (const row of rows) byFamily.set(row.inscription.familyId, [...(byFamily.get(row.inscription.familyId) ?? []), row]);
  for (const [familyId, familyRows] of byFamily) {
    const byInscription = new Map<string, Row[]>();
    for (const row of familyRows) byInscription.set(row.inscription.id, [...(byInscription.get(row.inscription.id) ?? []), row]);
    const sections: ReservationSection[] = [];
    for (const group of byInscription.values()) {
      const { inscription } = group[0]!;
      const lines: string[] = [];
      for (const row of group) lines.push(`${formatCalendarDate(row.date)} - Temps d'accueil : ${row.timeUnit.name.toUpperCase()} - ${await outcomeWord(tx, notice, row)}`);
      sections.push({
        childName: `${inscription.child.lastName.toUpperCase()} ${inscription.child.firstName}`,
        title: inscriptionTitle(inscription.activity.structure.name, inscription.activity.name, inscription.period.name),
        start: formatCalendarDate(inscription.startDate),
        end: formatCalendarDate(inscription.endDate),
        lines,
      });
    }
    const recipients = await familyRecipients(tx, familyId);
    for (const { email: to, person } of recipients) {
      if (notice === "CANCELLATIONS") {
        for (const group of byInscription.values()) {
          const { inscription } = group[0]!;
          const units = new Map<string, { unit: string; excused: string[]; billed: string[] }>();
          for (const row of group) {
            const entry = units.get(row.timeUnitId) ?? { unit: row.timeUnit.name, excused: [], billed: [] };
            (row.status === "ABSENT_EXCUSED" ? entry.excused : entry.billed).push(ddmm(row.date));
            units.set(row.timeUnitId, entry);
          }
          const childName = `${inscription.child.lastName.toUpperCase()} ${inscription.child.firstName}`;
          const email = cancellationsDecidedEmail(person, childName, inscription.activity.name.toUpperCase(), [...units.values()], reason ?? null);
          await enqueueEmail(tx, { to, familyId, template: "reservation-cancellations", email });
        }
        continue;
      }
      const first = formatCalendarDate(familyRows[0]!.date);
      const last = formatCalendarDate(familyRows[familyRows.length - 1]!.date);
      const email =
        notice === "RECEIPT" ? reservationRequestsEmail(person, sections)
          : notice === "ACCEPTED" ? reservationsAcceptedEmail(person, sections, first, last)
            : notice === "REFUSED" ? reservationsRefusedEmail(person, sections, reason ?? "")
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
  return { familyId, recipients: await familyRecipients(tx, familyId), structureName: await structureNameIn(tx) };
}

export async function queueReceipt(tx: Tx, prepared: Awaited<ReturnType<typeof prepareReceipt>>, sections: ReservationSection[]): Promise<void> {
  if (sections.length === 0) return;
  for (const { email: to, person } of prepared.recipients) {
    await enqueueEmail(tx, { to, familyId: prepared.familyId, template: "reservation-receipt", email: reservationRequestsEmail(person, sections), structureName: prepared.structureName });
  }
}
