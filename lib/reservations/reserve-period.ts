import "server-only";
import { cancelledSlots } from "./slots";
import { db } from "@/lib/db";
import { dateOf, dayOf, eachDay, isoWeek, parisDay, weekdayOf } from "@/lib/calendar/paris";
import { isBeforeDeadline } from "@/lib/calendar/deadlines";
import { fieldError } from "@/lib/errors";
import { formatCalendarDate } from "@/lib/format";
import { NotFoundError, RESERVATION_STATUSES, isIn, type Actor } from "@/lib/workflow";
import { LANE_ORDER, laneUnit } from "./get-month-calendar";
import { readPricer, SIBLINGS_SHOWN } from "@/lib/billing/pricing/read-pricer";
import { refusedByRules, type UnitRule } from "./unit-rules";
import { requestReservations, type CellRequest } from "./request-reservations";
import type { PeriodRequest } from "./schemas";
import { familyInscriptionWhere, readCustodyCalendars } from "@/lib/families/foyers";
import { mayBookDay } from "./foyer-scope";

/** The longest range « Réservations sur période » takes at once (a school year fits). */
export const MAX_PERIOD_DAYS = 366;

export { isoWeek };

export interface PeriodPreview {
  inscription: { id: string; childFirstName: string; activityName: string; startDay: string; endDay: string };
  /** Each with its price as the invoice will say it, and what made it beyond the QF (ADR 055). */
  cells: (CellRequest & { unitName: string; priceCents: number; priceNote: string | null })[];
  totalCents: number;
  /** Days of the semaine type that are not asked, and why. */
  skipped: {
    closed: string[];
    outside: number;
    booked: number;
    late: number;
    rules: { day: string; message: string }[];
    /** Days of the other foyer (a shared child, garde alternée): not asked, counted without detail. */
    otherFoyer: string[];
  };
}

/**
 * Every date « Réservations sur période » will ask: the ticked weekdays and
 * units between the two dates, in the weeks of the chosen type, minus closed
 * days (holidays, public holidays, closures: not opening days), days outside
 * the inscription, cells already asked or booked and days past their booking
 * deadline — with the total the invoice will say: each day priced with the quotient in force that day (readPricer, ADR 055).
 */
export async function previewPeriod(input: PeriodRequest & { familyId: string; now?: Date }): Promise<PeriodPreview> {
  const now = input.now ?? new Date();
  const inscription = await db.inscription.findFirst({
    where: { id: input.inscriptionId, ...familyInscriptionWhere(input.familyId), status: "VALIDATED" },
    select: {
      id: true,
      startDate: true,
      endDate: true,
      periodId: true,
      child: { select: { id: true, firstName: true, birthDate: true } },
      familyId: true,
      activityId: true,
      activity: {
        select: {
          name: true,
          structureId: true,
          bookingDeadline: true,
          timeUnits: {
            orderBy: { sortOrder: "asc" },
            select: {
              id: true,
              name: true,
              startTime: true,
              endTime: true,
              tariffs: { select: { qfMin: true, qfMax: true, priceCents: true, nonResidentPriceCents: true } },
            },
          },
        },
      },
    },
  });
  if (!inscription) throw new NotFoundError();
  const units = new Map(inscription.activity.timeUnits.map((u) => [u.id, u]));
  const pattern = new Map<number, string[]>();
  // A box sent twice is one box.
  for (const slot of new Set(input.slots)) {
    const [weekday, unitId] = slot.split(":") as [string, string];
    if (!units.has(unitId)) throw new NotFoundError();
    pattern.set(Number(weekday), [...(pattern.get(Number(weekday)) ?? []), unitId]);
  }
  const span = (dateOf(input.endDate).getTime() - dateOf(input.startDate).getTime()) / 86_400_000 + 1;
  if (span > MAX_PERIOD_DAYS)
    fieldError("endDate", `Date fin : une période de ${MAX_PERIOD_DAYS} jours au plus (une année scolaire) ; faites plusieurs demandes.`);
  const startDay = dayOf(inscription.startDate);
  const endDay = dayOf(inscription.endDate);
  if (input.endDate < startDay || input.startDate > endDay) {
    fieldError(
      "startDate",
      `Date début : l'inscription va du ${formatCalendarDate(inscription.startDate)} au ${formatCalendarDate(inscription.endDate)} ; choisissez des dates dans cet intervalle.`,
    );
  }
  const from = input.startDate < startDay ? startDay : input.startDate;
  const to = input.endDate > endDay ? endDay : input.endDate;
  const [opening, existing] = await Promise.all([
    db.openingDay.findMany({
      where: { periodId: inscription.periodId, date: { gte: dateOf(from), lte: dateOf(to) } },
      select: { date: true },
    }),
    db.reservation.findMany({
      where: { inscriptionId: inscription.id, date: { gte: dateOf(from), lte: dateOf(to) } },
      select: { timeUnitId: true, date: true, status: true },
    }),
  ]);
  // A shared child (garde alternée, ADR 051): this foyer asks only its custody days; the others are skipped, counted.
  const custody = (await readCustodyCalendars([inscription.child.id], { from, to })).get(inscription.child.id);
  const rules = await db.timeUnitRule.findMany({
    where: { unitId: { in: [...units.keys()] } },
    select: { kind: true, unitId: true, otherUnitId: true },
  });
  const cancelled = await cancelledSlots(db, [...units.keys()], from, to);
  // Each day priced as the invoice will price it: with the quotient in force that day (one shared function) — the
  // asking foyer's, who is billed for its custody days.
  // Beyond the quotient (ADR 055): its commune, hourly units, and the fratrie reduction the day already earns.
  const priceOf = await readPricer(db, {
    payerIds: [input.familyId],
    siblingFamilyIds: [input.familyId, inscription.familyId],
    activityIds: [inscription.activityId],
    from,
    to,
    statuses: SIBLINGS_SHOWN,
  });
  const names = new Map([...units.values()].map((u) => [u.id, u.name]));
  const open = new Set(opening.map((o) => dayOf(o.date)));
  const taken = new Set(
    existing.filter((r) => !isIn(RESERVATION_STATUSES.ASKABLE_AGAIN, r.status)).map((r) => `${r.timeUnitId}|${dayOf(r.date)}`),
  );
  const skipped: PeriodPreview["skipped"] = { closed: [], outside: 0, booked: 0, late: 0, rules: [], otherFoyer: [] };
  const cells: PeriodPreview["cells"] = [];
  const today = parisDay(now);
  for (const day of eachDay(input.startDate, input.endDate)) {
    const unitIds = pattern.get(weekdayOf(day));
    if (!unitIds) continue;
    const week = isoWeek(day);
    if ((input.weekType === "EVEN" && week % 2 !== 0) || (input.weekType === "ODD" && week % 2 !== 1)) continue;
    if (day < from || day > to) {
      skipped.outside += unitIds.length;
      continue;
    }
    if (!open.has(day)) {
      skipped.closed.push(day);
      continue;
    }
    if (!mayBookDay(custody, input.familyId, day)) {
      skipped.otherFoyer.push(day);
      continue;
    }
    // Units the structure cancelled that day (exceptional day): closed, like a closed day.
    if (unitIds.every((unitId) => cancelled.has(`${unitId}|${day}`))) {
      skipped.closed.push(day);
      continue;
    }
    const asked: string[] = [];
    for (const unitId of unitIds) {
      if (cancelled.has(`${unitId}|${day}`)) continue;
      if (taken.has(`${unitId}|${day}`)) {
        skipped.booked += 1;
        continue;
      }
      if (day < today || !isBeforeDeadline(inscription.activity.bookingDeadline, day, now)) {
        skipped.late += 1;
        continue;
      }
      asked.push(unitId);
    }
    // The rules between units, as the send will apply them: what would be refused is said now, and not counted.
    const held = new Set(
      existing.filter((r) => dayOf(r.date) === day && isIn(RESERVATION_STATUSES.LIVE, r.status)).map((r) => r.timeUnitId),
    );
    const refused = refusedByRules(rules as UnitRule[], held, asked, names);
    for (const unitId of asked) {
      const message = refused.get(unitId);
      if (message) {
        skipped.rules.push({ day, message });
        continue;
      }
      const unit = units.get(unitId)!;
      const priced = priceOf({
        payerId: input.familyId,
        foyerId: input.familyId,
        inscriptionFamilyId: inscription.familyId,
        activityId: inscription.activityId,
        structureId: inscription.activity.structureId,
        periodId: inscription.periodId,
        childId: inscription.child.id,
        birthDate: dayOf(inscription.child.birthDate),
        day,
        unit,
      });
      cells.push({
        inscriptionId: inscription.id,
        timeUnitId: unitId,
        day,
        unitName: unit.name,
        priceCents: priced?.cents ?? 0,
        priceNote: priced?.note ?? null,
      });
    }
  }
  return {
    inscription: {
      id: inscription.id,
      childFirstName: inscription.child.firstName,
      activityName: inscription.activity.name,
      startDay,
      endDay,
    },
    cells,
    totalCents: cells.reduce((sum, c) => sum + c.priceCents, 0),
    skipped,
  };
}

/** « Valider mes demandes de réservations »: the preview computed again here (never the screen's list), then sent in one go. */
export async function sendPeriod(input: PeriodRequest & { familyId: string; actor: Actor; now?: Date }) {
  const preview = await previewPeriod(input);
  if (preview.cells.length === 0)
    fieldError("slots", "Aucune date à demander dans cette période : toutes sont fermées, passées, déjà demandées ou chez l'autre parent.");
  return requestReservations({
    familyId: input.familyId,
    cells: preview.cells.map(({ inscriptionId, timeUnitId, day }) => ({ inscriptionId, timeUnitId, day })),
    actor: input.actor,
    now: input.now,
  });
}

/** What « Réservations sur période » offers: each validated inscription, its units (with the family's price) and the weekdays it opens. */
export async function listPeriodChoices(familyId: string) {
  const rows = await db.inscription.findMany({
    where: { ...familyInscriptionWhere(familyId), status: "VALIDATED" },
    orderBy: LANE_ORDER,
    select: {
      id: true,
      startDate: true,
      endDate: true,
      periodId: true,
      familyId: true,
      activityId: true,
      child: { select: { id: true, firstName: true, birthDate: true } },
      activity: {
        select: {
          name: true,
          structureId: true,
          timeUnits: {
            orderBy: { sortOrder: "asc" },
            select: {
              id: true,
              name: true,
              startTime: true,
              endTime: true,
              tariffs: { select: { qfMin: true, qfMax: true, priceCents: true, nonResidentPriceCents: true } },
            },
          },
        },
      },
    },
  });
  // Priced for the family asking (a shared child's inscription: each foyer at its own quotient), as a day is billed
  // (ADR 055: its commune, the rule in force now or on the inscription's first day), before any fratrie reduction.
  const today = parisDay(new Date());
  const priceOf = await readPricer(db, {
    payerIds: [familyId],
    siblingFamilyIds: [],
    activityIds: rows.map((r) => r.activityId),
    from: today,
    to: today,
    statuses: SIBLINGS_SHOWN,
  });
  const weekdays =
    rows.length === 0
      ? []
      : await db.$queryRaw<{ periodId: string; dow: number }[]>`
    SELECT DISTINCT "periodId", EXTRACT(DOW FROM "date")::int AS "dow" FROM "OpeningDay" WHERE "periodId" = ANY(${rows.map((r) => r.periodId)})`;
  return rows.map((r) => ({
    inscriptionId: r.id,
    label: `${r.child.firstName} — ${r.activity.name}`,
    startDay: dayOf(r.startDate),
    endDay: dayOf(r.endDate),
    units: r.activity.timeUnits.map((u) => {
      const start = dayOf(r.startDate);
      const priced = priceOf({
        payerId: familyId,
        foyerId: familyId,
        inscriptionFamilyId: r.familyId,
        activityId: r.activityId,
        structureId: r.activity.structureId,
        periodId: r.periodId,
        childId: r.child.id,
        birthDate: dayOf(r.child.birthDate),
        day: start > today ? start : today,
        unit: u,
        alone: true,
      });
      return { ...laneUnit(u, null), priceCents: priced?.cents ?? null };
    }),
    // Lundi first, dimanche last.
    weekdays: weekdays
      .filter((w) => w.periodId === r.periodId)
      .map((w) => w.dow)
      .sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)),
  }));
}

export type PeriodChoice = Awaited<ReturnType<typeof listPeriodChoices>>[number];
