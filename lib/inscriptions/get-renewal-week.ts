import "server-only";
import { familyInscriptionWhere } from "@/lib/families/foyers";
import { familyReservationWhere } from "@/lib/families/foyer-wheres";
import { db } from "@/lib/db";
import { dayOf, isoWeek, weekdayOf } from "@/lib/calendar/paris";
import { INSCRIPTION_STATUSES, RESERVATION_STATUSES, statusIn } from "@/lib/workflow";

/** The weekday names of a semaine type, lundi first (0 = dimanche, as the period form numbers them). */
const WEEKDAY_NAMES = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"] as const;

export interface RenewalWeek {
  /** The new year's inscription (validated) the semaine type is offered for. */
  inscriptionId: string;
  childFirstName: string;
  activityName: string;
  startDay: string;
  endDay: string;
  weekType: "ALL" | "EVEN" | "ODD";
  /** "weekday:unitId", the values of the period form's boxes. */
  slots: string[];
  /** « mercredi : Matin avec repas ; vendredi : Journée complète », « semaines paires ». */
  summary: string;
}

/**
 * This year's semaine type of a renewed child, to send again for the new year through « Réservations sur période »
 * (ADR 052). The semaine type a parent sends is not stored (only the reservations it made), so it is read back from
 * this year's reservations of the same child and activity: a box (weekday, unit) is in it when it was booked in at
 * least half of the weeks that had a booking; the weeks are « paires » or « impaires » when every booked week has
 * that parity (at least four of them), else « toutes ». Null when this year has no booking.
 */
export function deriveWeek(booked: { day: string; timeUnitId: string }[]): Pick<RenewalWeek, "weekType" | "slots"> | null {
  if (booked.length === 0) return null;
  const weekKey = (day: string) => `${day.slice(0, 4)}-${isoWeek(day)}`;
  const weeks = new Set(booked.map((b) => weekKey(b.day)));
  const perBox = new Map<string, Set<string>>();
  for (const b of booked) {
    const box = `${weekdayOf(b.day)}:${b.timeUnitId}`;
    perBox.set(box, (perBox.get(box) ?? new Set()).add(weekKey(b.day)));
  }
  const slots = [...perBox.entries()].filter(([, w]) => w.size * 2 >= weeks.size).map(([box]) => box);
  if (slots.length === 0) return null;
  const parities = new Set(booked.map((b) => isoWeek(b.day) % 2));
  const weekType = weeks.size >= 4 && parities.size === 1 ? (parities.has(0) ? "EVEN" : "ODD") : "ALL";
  return { weekType, slots: slots.sort((a, b) => ((Number(a[0]) + 6) % 7) - ((Number(b[0]) + 6) % 7) || a.localeCompare(b)) };
}

/**
 * The semaine types to offer: for each validated renewal of the family (isRenewal), this year's pattern of the same
 * child and activity. Scoped to the family: another family's inscription is never read.
 */
export async function listRenewalWeeks(familyId: string, only?: string): Promise<RenewalWeek[]> {
  const renewals = await db.inscription.findMany({
    where: {
      ...familyInscriptionWhere(familyId),
      isRenewal: true,
      status: statusIn(INSCRIPTION_STATUSES.BOOKABLE),
      ...(only ? { id: only } : {}),
    },
    orderBy: [{ child: { birthDate: "asc" } }, { id: "asc" }],
    select: {
      id: true,
      childId: true,
      activityId: true,
      startDate: true,
      endDate: true,
      period: { select: { startDate: true } },
      child: { select: { firstName: true } },
      activity: { select: { name: true, timeUnits: { select: { id: true, name: true }, orderBy: { sortOrder: "asc" } } } },
    },
  });
  const weeks: RenewalWeek[] = [];
  for (const renewal of renewals) {
    // This year's inscription of the same child and activity: the last one before the new period.
    const previous = await db.inscription.findFirst({
      where: {
        ...familyInscriptionWhere(familyId),
        childId: renewal.childId,
        activityId: renewal.activityId,
        id: { not: renewal.id },
        period: { startDate: { lt: renewal.period.startDate } },
      },
      orderBy: { period: { startDate: "desc" } },
      // A shared child: this foyer's own days make its semaine type (ADR 051).
      select: {
        reservations: {
          where: { status: statusIn(RESERVATION_STATUSES.LIVE), ...familyReservationWhere(familyId) },
          select: { date: true, timeUnitId: true },
        },
      },
    });
    const week = deriveWeek((previous?.reservations ?? []).map((r) => ({ day: dayOf(r.date), timeUnitId: r.timeUnitId })));
    if (!week) continue;
    const unitName = new Map(renewal.activity.timeUnits.map((u) => [u.id, u.name]));
    const slots = week.slots.filter((s) => unitName.has(s.slice(2)));
    if (slots.length === 0) continue;
    const byDay = new Map<string, string[]>();
    for (const s of slots) {
      const day = WEEKDAY_NAMES[Number(s[0])]!;
      byDay.set(day, [...(byDay.get(day) ?? []), unitName.get(s.slice(2))!]);
    }
    const days = [...byDay.entries()].map(([day, units]) => `${day} : ${units.join(", ")}`).join(" ; ");
    weeks.push({
      inscriptionId: renewal.id,
      childFirstName: renewal.child.firstName,
      activityName: renewal.activity.name,
      startDay: dayOf(renewal.startDate),
      endDay: dayOf(renewal.endDate),
      weekType: week.weekType,
      slots,
      summary: `${days}${week.weekType === "EVEN" ? " (semaines paires)" : week.weekType === "ODD" ? " (semaines impaires)" : ""}`,
    });
  }
  return weeks;
}
