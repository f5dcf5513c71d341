import "server-only";
import { db } from "@/lib/db";
import { dateOf, dayOf, parisDay } from "@/lib/calendar/paris";
import { isResidentOf, priceDay, ruleOn } from "@/lib/billing/pricing/price-day";
import { describeBounds } from "@/lib/activities/age-groups";
import { opensAtFor } from "@/lib/activities/opening";
import { INSCRIPTION_STATUSES, statusIn } from "@/lib/workflow";

const WEEKDAYS = ["dimanches", "lundis", "mardis", "mercredis", "jeudis", "vendredis", "samedis"];

export interface ActivitySummary {
  id: string;
  name: string;
  description: string | null;
  /** « les mercredis » — from the opening days of the coming periods. */
  days: string | null;
  units: { name: string; hours: string }[];
  ages: string[];
  /** Per unit and day, for this family's quotient familial (or the whole range when it is unknown). */
  price: { minCents: number; maxCents: number; forFamilyQf: boolean } | null;
  /** Places left in the next period, when the activity has a maximum. */
  placesLeft: number | null;
  /** When inscriptions open for this family, if not yet. */
  opensAt: Date | null;
  automatic: boolean;
}

/**
 * What a parent needs to choose between the activities of a lieu and a type
 * d'accueil: days and hours, ages, the price for their QF, places left and
 * when inscriptions open.
 */
export async function summariseActivities(input: { familyId: string; activityIds: string[]; now?: Date }): Promise<ActivitySummary[]> {
  if (input.activityIds.length === 0) return [];
  const now = input.now ?? new Date();
  const today = dateOf(parisDay(now));
  const family = await db.family.findUnique({
    where: { id: input.familyId },
    select: { quotientFamilial: true, isResident: true, postalCode: true, city: true },
  });
  const qf = family?.quotientFamilial ?? null;
  const activities = await db.activity.findMany({
    where: { id: { in: input.activityIds }, isPublished: true },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      maxInscriptions: true,
      inscriptionsOpenAt: true,
      residentsOpenAt: true,
      inscriptionValidation: true,
      ageGroups: { orderBy: { minAgeMonths: "asc" }, select: { name: true, minAgeMonths: true, maxAgeMonths: true } },
      timeUnits: {
        orderBy: [{ sortOrder: "asc" }, { startTime: "asc" }],
        select: {
          name: true,
          startTime: true,
          endTime: true,
          tariffs: { select: { qfMin: true, qfMax: true, priceCents: true, nonResidentPriceCents: true } },
        },
      },
      // Tariffs beyond the quotient (ADR 055): the family's commune against the lieu's list, the rule (hourly) in force.
      structure: { select: { residentCommunes: true } },
      tariffRules: { select: { validFrom: true, mode: true, siblingSecondPercent: true, siblingThirdPercent: true, siblingScope: true } },
      periods: {
        where: { endDate: { gte: today } },
        orderBy: { startDate: "asc" },
        take: 1,
        select: {
          id: true,
          openingDays: { select: { date: true }, take: 200 },
          _count: { select: { inscriptions: { where: { status: statusIn(INSCRIPTION_STATUSES.HOLDS_PLACE) } } } },
        },
      },
    },
  });
  return activities.map((a) => {
    const next = a.periods[0];
    const weekdays = [...new Set((next?.openingDays ?? []).map((d) => d.date.getUTCDay()))].sort((x, y) => ((x + 6) % 7) - ((y + 6) % 7));
    // Each unit's price for the family, as a day is billed (priceDay), for the first child: its bracket, or every bracket
    // when the QF is unknown; hors commune when it is not résident; times the unit's hours under an hourly rule.
    const resident = family ? isResidentOf(family, a.structure.residentCommunes) : true;
    const firstDay = next?.openingDays.map((d) => dayOf(d.date)).sort()[0];
    const rule = ruleOn(
      a.tariffRules.map((r) => ({ ...r, validFrom: dayOf(r.validFrom) })),
      firstDay && firstDay > parisDay(now) ? firstDay : parisDay(now),
    );
    const prices = a.timeUnits.flatMap((u) =>
      u.tariffs
        .filter((t) => qf === null || (qf >= t.qfMin && (t.qfMax === null || qf <= t.qfMax)))
        .map(
          (t) => priceDay({ tariffs: [t], quotient: t.qfMin, resident, rule, startTime: u.startTime, endTime: u.endTime, rank: 1 })!.cents,
        ),
    );
    const opensAt = opensAtFor(a, family ? resident : false);
    return {
      id: a.id,
      name: a.name,
      description: a.description,
      days:
        weekdays.length === 0
          ? null
          : weekdays.length >= 5
            ? "du lundi au vendredi"
            : `les ${weekdays
                .map((d) => WEEKDAYS[d])
                .join(", ")
                .replace(/, ([^,]*)$/, " et $1")}`,
      units: a.timeUnits.map((u) => ({ name: u.name, hours: `${u.startTime.replace(":", " h ")} – ${u.endTime.replace(":", " h ")}` })),
      ages: a.ageGroups.map((g) => `${g.name} (${describeBounds(g)})`),
      price: prices.length === 0 ? null : { minCents: Math.min(...prices), maxCents: Math.max(...prices), forFamilyQf: qf !== null },
      placesLeft: a.maxInscriptions === null || !next ? null : Math.max(0, a.maxInscriptions - next._count.inscriptions),
      opensAt: opensAt && opensAt > now ? opensAt : null,
      automatic: a.inscriptionValidation === "AUTOMATIC",
    };
  });
}
