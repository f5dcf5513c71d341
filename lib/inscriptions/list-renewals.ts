import "server-only";
import { isResidentOf } from "@/lib/billing/pricing/price-day";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, dateOf, dayOf, parisDay } from "@/lib/calendar/paris";
import { describeBounds, fittingGroups } from "@/lib/activities/age-groups";
import { isOpenFor, opensAtFor } from "@/lib/activities/opening";
import { CHILD_STATUSES, INSCRIPTION_STATUSES, isIn, statusIn } from "@/lib/workflow";
import { formatDateTime, formatLongDate } from "@/lib/format";
import { markerLabel } from "./markers";
import { familyInscriptionWhere } from "@/lib/families/foyers";

/**
 * « Réinscrire pour 2027/2028 » (issue 26, ADR 052): each child inscribed (validated) in a period of an activity is
 * offered the same activity in that activity's period of the next school year, once it exists and the activity is
 * open for the family. The age group is fitted again by the child's age at the new period's start.
 */

/** School year (September–August) of a day: 2026 for any day from 2026-09-01 to 2027-08-31. */
export const schoolYearOfDay = (day: string) => Number(day.slice(0, 4)) - (day.slice(5, 7) < "09" ? 1 : 0);

/** « 2027/2028 »: the years in the period's name, else the school year of its start. */
export function renewalYears(period: { name: string; startDate: Date }): string {
  const named = /(\d{4})\s*[/-]\s*(\d{4})/.exec(period.name);
  if (named) return `${named[1]}/${named[2]}`;
  const year = schoolYearOfDay(dayOf(period.startDate));
  return `${year}/${year + 1}`;
}

export interface RenewalLine {
  /** This year's inscription: what the family ticks (the new one is derived from it on the server). */
  previousInscriptionId: string;
  child: { id: string; firstName: string; lastName: string };
  activity: { id: string; name: string };
  previousPeriodName: string;
  period: { id: string; name: string; startDay: string; endDay: string };
  /** « 2027/2028 ». */
  years: string;
  group: { id: string; name: string } | null;
  /** « passe dans le groupe Élémentaire +6 ans (de 6 à 12 ans) » when the re-fitted group is not last year's. */
  groupChange: string | null;
  /** Can be sent now (ticked by default); otherwise `reason` says why, in French. */
  eligible: boolean;
  reason: string | null;
  /** A request already sent for the new period (its marker's words). */
  alreadySent: string | null;
}

export interface RenewalOffer {
  /** « Réinscrire pour 2027/2028 » (several years: each, joined). */
  label: string;
  years: string[];
  /** The earliest start of the new periods: what the yearly refresh of the family file looks at. */
  nextStartDay: string;
  lines: RenewalLine[];
  /** Lines still to send (eligible): the dashboard shows the offer while there is one. */
  openCount: number;
}

const renewalSelect = (today: Date) =>
  ({
    id: true,
    ageGroupId: true,
    ageGroup: { select: { name: true } },
    period: { select: { id: true, name: true, startDate: true, endDate: true } },
    child: {
      select: {
        id: true,
        firstName: true,
        lastName: true,
        birthDate: true,
        status: true,
        inscriptions: {
          where: { status: statusIn(INSCRIPTION_STATUSES.ACTIVE), period: { endDate: { gte: today } } },
          select: { activityId: true, periodId: true, status: true, activity: { select: { isPreRegistration: true } } },
        },
      },
    },
    activity: {
      select: {
        id: true,
        name: true,
        isPublished: true,
        inscriptionsOpenAt: true,
        residentsOpenAt: true,
        renewalsOpenAt: true,
        structure: { select: { residentCommunes: true } },
        ageGroups: { select: { id: true, name: true, minAgeMonths: true, maxAgeMonths: true }, orderBy: { minAgeMonths: "asc" } },
        periods: {
          where: { endDate: { gte: today } },
          orderBy: { startDate: "asc" },
          select: { id: true, name: true, startDate: true, endDate: true },
        },
      },
    },
  }) satisfies Prisma.InscriptionSelect;

/**
 * The family's renewal offer, or null when there is none (no validated inscription whose activity has a period in
 * the next school year still to come). One statement (relation joins), as the dashboard it sits on (ADR 048).
 * `client` lets the sending read it again under the family's lock.
 */
export async function listRenewals(familyId: string, now: Date, client: Tx | typeof db = db): Promise<RenewalOffer | null> {
  const todayDay = parisDay(now);
  const today = dateOf(todayDay);
  // A shared child's inscriptions serve both foyers (ADR 051): either parent may renew the child.
  // Read one after the other: `client` may be the sending's transaction (one connection).
  const family = await client.family.findUnique({ where: { id: familyId }, select: { isResident: true, postalCode: true, city: true } });
  if (!family) return null;
  const inscriptions = await client.inscription.findMany({
    // This year's (and last year's, while its next period is still to come): the next period decides below.
    where: {
      ...familyInscriptionWhere(familyId),
      status: statusIn(INSCRIPTION_STATUSES.BOOKABLE),
      period: { endDate: { gte: dateOf(addDays(todayDay, -400)) } },
      activity: { isPublished: true },
    },
    relationLoadStrategy: "join",
    orderBy: [{ child: { birthDate: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
    select: renewalSelect(today),
  });
  const lines: RenewalLine[] = [];
  const seen = new Set<string>();
  for (const inscription of inscriptions) {
    const { child, activity } = inscription;
    const nextYear = schoolYearOfDay(dayOf(inscription.period.startDate)) + 1;
    const next = activity.periods.find((p) => schoolYearOfDay(dayOf(p.startDate)) === nextYear);
    if (!next) continue;
    // One line per child, activity and new period (several holiday periods of this year give one renewal).
    const key = `${child.id}|${activity.id}|${next.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const previousGroup = inscription.ageGroupId ? { id: inscription.ageGroupId, name: inscription.ageGroup?.name ?? "" } : null;
    const fitting = fittingGroups(activity.ageGroups, child.birthDate, next.startDate);
    const group = activity.ageGroups.length === 0 ? null : (fitting.find((g) => g.id === previousGroup?.id) ?? fitting[0] ?? null);
    const sent = child.inscriptions.find((i) => i.activityId === activity.id && i.periodId === next.id);
    const startDay = dayOf(next.startDate);
    const reason = sent
      ? `Demande déjà envoyée : ${markerLabel(sent.status, sent.activity.isPreRegistration).toLowerCase()}.`
      : !isIn(CHILD_STATUSES.INSCRIBABLE, child.status)
        ? `La fiche de ${child.firstName} n'est plus validée : contactez l'accueil.`
        : activity.ageGroups.length > 0 && !group
          ? `${child.firstName} n'a plus l'âge d'aucun groupe de cette activité au ${formatLongDate(startDay)} (${activity.ageGroups
              .map((g) => `${g.name} : ${describeBounds(g)}`)
              .join(", ")}).`
          : !isOpenFor(activity, isResidentOf(family, activity.structure.residentCommunes), now, true)
            ? `Les réinscriptions à cette activité ouvrent le ${formatDateTime(opensAtFor(activity, isResidentOf(family, activity.structure.residentCommunes), true)!)}.`
            : null;
    lines.push({
      previousInscriptionId: inscription.id,
      child: { id: child.id, firstName: child.firstName, lastName: child.lastName },
      activity: { id: activity.id, name: activity.name },
      previousPeriodName: inscription.period.name,
      period: { id: next.id, name: next.name, startDay, endDay: dayOf(next.endDate) },
      years: renewalYears(next),
      group: group ? { id: group.id, name: group.name } : null,
      groupChange:
        group && previousGroup && group.id !== previousGroup.id ? `passe dans le groupe ${group.name} (${describeBounds(group)})` : null,
      eligible: reason === null,
      reason,
      alreadySent: sent ? markerLabel(sent.status, sent.activity.isPreRegistration) : null,
    });
  }
  if (lines.length === 0) return null;
  const years = [...new Set(lines.map((l) => l.years))];
  return {
    label: `Réinscrire pour ${years.join(" et ")}`,
    years,
    nextStartDay: lines.map((l) => l.period.startDay).sort()[0]!,
    lines,
    openCount: lines.filter((l) => l.eligible).length,
  };
}
