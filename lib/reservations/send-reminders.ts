import "server-only";
import { isResidentOf } from "@/lib/billing/pricing/price-day";
import { custodyOn } from "@/lib/families/custody";
import { readCustodyCalendars } from "@/lib/families/foyers";
import { db, transaction } from "@/lib/db";
import { lockFamily } from "@/lib/locks";
import { deadlineFor, parseDeadline } from "@/lib/calendar/deadlines";
import { addDays, dateOf, dayOf, parisDay, parisInstant } from "@/lib/calendar/paris";
import { enqueueEmailOnce } from "@/lib/email/enqueue-email";
import { deadlineReminderEmail, openingReminderEmail } from "@/lib/email/templates";
import { familyRecipients } from "@/lib/families/list-family-recipients";
import { formatDateTime, formatLongDate } from "@/lib/format";
import type { ReminderKind } from "@/lib/generated/prisma/enums";
import { isIn, RESERVATION_STATUSES } from "@/lib/workflow";
import { cancelledSlots } from "./slots";

/*
 * Reminder e-mails, through the outbox, each at most once: its idempotency key
 * (kind, day, family, address) is unique, so a job run twice — or on two servers
 * at the same time — queues it once (enqueueEmailOnce). A family turns each kind
 * off in Mes coordonnées (Family.remindersOff). The third kind, « une place s'est
 * libérée », is sent when it happens (promote.ts), under the same setting.
 */

export const REMINDER_KINDS: { kind: ReminderKind; label: string }[] = [
  { kind: "OPENING", label: "L'ouverture des inscriptions à une activité que fréquentent déjà mes enfants (nouvelle période), la veille" },
  { kind: "DEADLINE", label: "Le dernier jour pour réserver ou annuler sans être facturé, la veille" },
  { kind: "PROMOTED", label: "Une place libérée pour une demande en liste d'attente" },
];

/** How far ahead a deadline can fall before its day (« J-2 », « le mercredi précédent »…): the days looked at. */
const HORIZON_DAYS = 45;

async function queue(
  familyId: string,
  key: string,
  template: string,
  build: (person: Parameters<typeof openingReminderEmail>[0]) => ReturnType<typeof openingReminderEmail>,
) {
  return transaction(async (tx) => {
    let queued = 0;
    for (const { email: to, person } of await familyRecipients(tx, familyId)) {
      if (await enqueueEmailOnce(tx, `rappel:${key}:${familyId}:${to}`, { to, familyId, template, email: build(person) })) queued += 1;
    }
    return queued;
  });
}

/** Inscriptions of an activity open tomorrow (residents' phase too): the families with a child inscribed in it. */
async function openingReminders(tomorrow: string) {
  const from = parisInstant(tomorrow, "00:00");
  const to = parisInstant(addDays(tomorrow, 1), "00:00");
  const activities = await db.activity.findMany({
    where: { OR: [{ inscriptionsOpenAt: { gte: from, lt: to } }, { residentsOpenAt: { gte: from, lt: to } }] },
    select: { id: true, name: true, inscriptionsOpenAt: true, residentsOpenAt: true, structure: { select: { residentCommunes: true } } },
  });
  if (activities.length === 0) return 0;
  const families = await db.family.findMany({
    where: {
      NOT: { remindersOff: { has: "OPENING" } },
      inscriptions: { some: { activityId: { in: activities.map((a) => a.id) }, status: "VALIDATED" } },
    },
    select: {
      id: true,
      isResident: true,
      postalCode: true,
      city: true,
      inscriptions: { where: { status: "VALIDATED" }, select: { activityId: true } },
    },
  });
  let queued = 0;
  for (const family of families) {
    const mine = activities
      .filter((a) => family.inscriptions.some((i) => i.activityId === a.id))
      .flatMap((a) => {
        const opens =
          isResidentOf(family, a.structure.residentCommunes) && a.residentsOpenAt && a.residentsOpenAt >= from && a.residentsOpenAt < to
            ? a.residentsOpenAt
            : a.inscriptionsOpenAt;
        return opens && opens >= from && opens < to ? [{ name: a.name, opensAt: formatDateTime(opens) }] : [];
      });
    if (mine.length > 0)
      queued += await queue(family.id, `OPENING:${tomorrow}`, "reminder-opening", (person) => openingReminderEmail(person, mine));
  }
  return queued;
}

/** Tomorrow's deadlines: free days of a validated inscription still to book, bookings still to cancel without charge. */
async function deadlineReminders(tomorrow: string) {
  const until = addDays(tomorrow, HORIZON_DAYS);
  const inscriptions = await db.inscription.findMany({
    where: { status: "VALIDATED", endDate: { gte: dateOf(tomorrow) } },
    select: {
      id: true,
      familyId: true,
      periodId: true,
      startDate: true,
      endDate: true,
      child: { select: { id: true, firstName: true } },
      activity: { select: { name: true, bookingDeadline: true, cancellationDeadline: true, timeUnits: { select: { id: true } } } },
      reservations: {
        where: { date: { gte: dateOf(tomorrow), lte: dateOf(until) } },
        select: { date: true, status: true, foyerId: true, timeUnit: { select: { name: true } } },
      },
    },
  });
  if (inscriptions.length === 0) return 0;
  const opening = await db.openingDay.findMany({
    where: { periodId: { in: [...new Set(inscriptions.map((i) => i.periodId))] }, date: { gte: dateOf(tomorrow), lte: dateOf(until) } },
    select: { periodId: true, date: true },
  });
  const openingByPeriod = new Map<string, { date: Date }[]>();
  for (const o of opening) {
    const days = openingByPeriod.get(o.periodId);
    if (days) days.push(o);
    else openingByPeriod.set(o.periodId, [o]);
  }
  const cancelled = await cancelledSlots(
    db,
    inscriptions.flatMap((i) => i.activity.timeUnits.map((u) => u.id)),
    tomorrow,
    until,
  );
  // A shared child (garde alternée, ADR 051): a day to book is the custody foyer's, a booking to cancel its foyer's.
  const custody = await readCustodyCalendars([...new Set(inscriptions.map((i) => i.child.id))], { from: tomorrow, to: until });
  const dayFoyer = (i: { familyId: string; child: { id: string } }, day: string) => {
    const calendar = custody.get(i.child.id);
    return calendar?.secondFamilyId ? custodyOn(calendar, day) : i.familyId;
  };
  const byFamily = new Map<string, { toBook: string[]; toCancel: string[] }>();
  const add = (familyId: string, list: "toBook" | "toCancel", line: string) => {
    const entry = byFamily.get(familyId) ?? { toBook: [], toCancel: [] };
    entry[list].push(line);
    byFamily.set(familyId, entry);
  };
  for (const i of inscriptions) {
    const book = parseDeadline(i.activity.bookingDeadline)!;
    const cancel = parseDeadline(i.activity.cancellationDeadline)!;
    const days = (openingByPeriod.get(i.periodId) ?? [])
      .filter((o) => o.date >= i.startDate && o.date <= i.endDate)
      .map((o) => dayOf(o.date))
      .sort();
    for (const day of days) {
      const booked = i.reservations.filter((r) => dayOf(r.date) === day && isIn(RESERVATION_STATUSES.LIVE, r.status));
      const bookUntil = deadlineFor(book, day);
      const open = i.activity.timeUnits.some((u) => !cancelled.has(`${u.id}|${day}`));
      if (booked.length === 0 && open && parisDay(bookUntil) === tomorrow) {
        add(
          dayFoyer(i, day),
          "toBook",
          `${i.child.firstName} — ${i.activity.name} : ${formatLongDate(day)} (jusqu'au ${formatDateTime(bookUntil)})`,
        );
      }
      const cancelUntil = deadlineFor(cancel, day);
      if (parisDay(cancelUntil) === tomorrow) {
        for (const r of booked.filter((b) => isIn(RESERVATION_STATUSES.BOOKED, b.status))) {
          add(
            r.foyerId ?? i.familyId,
            "toCancel",
            `${i.child.firstName} — ${r.timeUnit.name}, ${formatLongDate(day)} (jusqu'au ${formatDateTime(cancelUntil)})`,
          );
        }
      }
    }
  }
  // Each foyer's own choice (Mes coordonnées): the reminder is its own, whoever made the inscription.
  const off = new Set(
    (
      await db.family.findMany({ where: { id: { in: [...byFamily.keys()] }, remindersOff: { has: "DEADLINE" } }, select: { id: true } })
    ).map((f) => f.id),
  );
  let queued = 0;
  for (const [familyId, { toBook, toCancel }] of byFamily) {
    if (off.has(familyId)) continue;
    queued += await queue(familyId, `DEADLINE:${tomorrow}`, "reminder-deadline", (person) =>
      deadlineReminderEmail(person, toBook, toCancel),
    );
  }
  return queued;
}

/** The reminders due now (for tomorrow); safe to run as often as wanted. The count of e-mails queued by this run. */
export async function sendDueReminders(now = new Date()): Promise<{ opening: number; deadline: number }> {
  const tomorrow = addDays(parisDay(now), 1);
  return { opening: await openingReminders(tomorrow), deadline: await deadlineReminders(tomorrow) };
}

/** Mes coordonnées: the reminders the family receives. */
export async function getReminderSettings(familyId: string): Promise<ReminderKind[]> {
  const family = await db.family.findUnique({ where: { id: familyId }, select: { remindersOff: true } });
  return REMINDER_KINDS.map((k) => k.kind).filter((k) => !family?.remindersOff.includes(k));
}

export async function setReminderSettings(familyId: string, on: ReminderKind[]): Promise<void> {
  await transaction(async (tx) => {
    await lockFamily(tx, familyId);
    await tx.family.update({
      where: { id: familyId },
      data: { remindersOff: REMINDER_KINDS.map((k) => k.kind).filter((k) => !on.includes(k)) },
    });
  });
}
