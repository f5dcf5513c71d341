import "server-only";
import type { Tx } from "@/lib/db";
import { quotientLookup } from "@/lib/billing/set-quotient";
import type { ReservationStatus } from "@/lib/generated/prisma/enums";
import { RESERVATION_STATUSES } from "@/lib/workflow";
import {
  hasSiblingReduction,
  isResidentOf,
  priceDay,
  ruleOn,
  siblingRanks,
  type PricedDay,
  type PricingRule,
  type PricingTariff,
} from "./price-day";

/** A child counts as booked that day, for billing: billable, or already billed (a complementary invoice keeps the rank). */
export const SIBLINGS_BILLED: readonly ReservationStatus[] = [
  ...new Set([...RESERVATION_STATUSES.BILLABLE, ...RESERVATION_STATUSES.MAYBE_BILLED_ABSENCE]),
];
/**
 * Before booking (calendar, période preview): also a request or a cancellation still waiting for the structure — the
 * reduction the day already earns if the family's pending requests are accepted.
 */
export const SIBLINGS_SHOWN: readonly ReservationStatus[] = [
  ...new Set([...RESERVATION_STATUSES.BILLABLE, ...RESERVATION_STATUSES.HOLDS_PLACE]),
];

/** One unit of one child on one day, as the pricer needs it. */
export interface PriceQuery {
  /** The family that pays the day (or looks at it): its quotient that day, its commune. */
  payerId: string;
  /** The foyer that booked the day (`Reservation.foyerId`, else the inscription's family): its children booked that day count for a fratrie « même jour ». */
  foyerId: string;
  /** The inscription's family: its children inscribed in the same période count for a fratrie « même période ». */
  inscriptionFamilyId: string;
  activityId: string;
  structureId: string;
  periodId: string;
  childId: string;
  /** "YYYY-MM-DD" */
  birthDate: string;
  day: string;
  unit: { startTime: string; endTime: string; tariffs: readonly PricingTariff[] };
  /** The unit's own price for the family that day, without any fratrie reduction (« Tarifs pour votre quotient »). */
  alone?: boolean;
}

export type Pricer = (q: PriceQuery) => PricedDay | null;

interface PricingRead {
  rules: (PricingRule & { activityId: string })[];
  structures: { id: string; communes: string[] }[];
  families: {
    id: string;
    postalCode: string;
    city: string;
    isResident: boolean;
    quotientFamilial: number | null;
    quotients: { quotientFamilial: number | null; validFrom: string }[];
  }[];
}

/**
 * Reads what prices the days of some families in some activities (ADR 055) and returns the one pricer of the portal:
 * generate-month, the month calendar and the période preview call it, so the price shown before booking is the price
 * billed. At most two statements whatever the number of days: the activities' rules, their lieux' résident communes
 * and the payers' commune and quotient history in one; the siblings (children booked the same day in `statuses`, or
 * inscribed the same période) in a second, read only when a rule of these activities has a fratrie reduction.
 * `extraChildren` adds children not yet booked (a cell the family may book: its child counts with the others).
 */
export async function readPricer(
  client: Pick<Tx, "$queryRaw">,
  input: {
    payerIds: string[];
    /** Families whose children may be siblings: booking foyers (same day) and inscriptions' families (same période). */
    siblingFamilyIds: string[];
    activityIds: string[];
    from: string;
    to: string;
    /** Statuses of a booking that count a child as booked that day (billing: billable or billed). */
    statuses: readonly ReservationStatus[];
  },
): Promise<Pricer> {
  const activityIds = [...new Set(input.activityIds)];
  const payerIds = [...new Set(input.payerIds)];
  const [read] = await client.$queryRaw<{ pricing: PricingRead }[]>`SELECT json_build_object(
    'rules', COALESCE((SELECT json_agg(json_build_object('activityId', r."activityId", 'validFrom', to_char(r."validFrom", 'YYYY-MM-DD'),
        'mode', r."mode", 'siblingSecondPercent', r."siblingSecondPercent", 'siblingThirdPercent', r."siblingThirdPercent",
        'siblingScope', r."siblingScope"))
      FROM "TariffRule" r WHERE r."activityId" = ANY(${activityIds})), '[]'::json),
    'structures', COALESCE((SELECT json_agg(json_build_object('id', s."id", 'communes', s."residentCommunes"))
      FROM "Structure" s WHERE s."id" IN (SELECT a."structureId" FROM "Activity" a WHERE a."id" = ANY(${activityIds}))), '[]'::json),
    'families', COALESCE((SELECT json_agg(json_build_object('id', f."id", 'postalCode', f."postalCode", 'city', f."city",
        'isResident', f."isResident", 'quotientFamilial', f."quotientFamilial",
        'quotients', COALESCE((SELECT json_agg(json_build_object('quotientFamilial', q."quotientFamilial",
            'validFrom', to_char(q."validFrom", 'YYYY-MM-DD')) ORDER BY q."validFrom" DESC)
          FROM "QuotientHistory" q WHERE q."familyId" = f."id"), '[]'::json)))
      FROM "Family" f WHERE f."id" = ANY(${payerIds})), '[]'::json)
  ) AS "pricing"`;
  const { rules, structures, families } = read!.pricing;
  const rulesOf = new Map<string, PricingRule[]>();
  for (const r of rules) rulesOf.set(r.activityId, [...(rulesOf.get(r.activityId) ?? []), r]);
  const communesOf = new Map(structures.map((s) => [s.id, s.communes]));
  const familyOf = new Map(families.map((f) => [f.id, f]));
  const quotientOn = quotientLookup(families);
  const residentCache = new Map<string, boolean>();
  const residentOf = (familyId: string, structureId: string) => {
    const key = `${familyId}|${structureId}`;
    let found = residentCache.get(key);
    if (found === undefined) {
      const family = familyOf.get(familyId);
      found = family ? isResidentOf(family, communesOf.get(structureId) ?? []) : true;
      residentCache.set(key, found);
    }
    return found;
  };

  // Siblings, only for activities whose rules reduce anything.
  const fratrie = activityIds.filter((id) => (rulesOf.get(id) ?? []).some(hasSiblingReduction));
  const groups = new Map<string, { childId: string; birthDate: string }[]>();
  if (fratrie.length > 0 && input.siblingFamilyIds.length > 0) {
    const families = [...new Set(input.siblingFamilyIds)];
    const rows = await client.$queryRaw<{ key: string; childId: string; birthDate: string }[]>`
      SELECT DISTINCT 'D|' || COALESCE(r."foyerId", i."familyId") || '|' || i."activityId" || '|' || to_char(r."date", 'YYYY-MM-DD') AS "key",
        c."id" AS "childId", to_char(c."birthDate", 'YYYY-MM-DD') AS "birthDate"
      FROM "Reservation" r JOIN "Inscription" i ON i."id" = r."inscriptionId" JOIN "Child" c ON c."id" = i."childId"
      WHERE i."activityId" = ANY(${fratrie}) AND r."date" BETWEEN ${input.from}::date AND ${input.to}::date
        AND r."status"::text = ANY(${[...input.statuses]})
        AND (r."foyerId" = ANY(${families}) OR (r."foyerId" IS NULL AND i."familyId" = ANY(${families})))
      UNION
      SELECT DISTINCT 'P|' || i."familyId" || '|' || i."activityId" || '|' || i."periodId", c."id", to_char(c."birthDate", 'YYYY-MM-DD')
      FROM "Inscription" i JOIN "Child" c ON c."id" = i."childId"
      WHERE i."activityId" = ANY(${fratrie}) AND i."familyId" = ANY(${families}) AND i."status" = 'VALIDATED'`;
    for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), { childId: r.childId, birthDate: r.birthDate }]);
  }

  return (q) => {
    const rule = ruleOn(rulesOf.get(q.activityId) ?? [], q.day);
    let rank = 1;
    if (hasSiblingReduction(rule) && !q.alone) {
      const key =
        rule!.siblingScope === "DAY"
          ? `D|${q.foyerId}|${q.activityId}|${q.day}`
          : `P|${q.inscriptionFamilyId}|${q.activityId}|${q.periodId}`;
      // The child counts with the others even when its own booking is not (yet) among them: a cell it may book.
      rank = siblingRanks([...(groups.get(key) ?? []), { childId: q.childId, birthDate: q.birthDate }]).get(q.childId)!;
    }
    return priceDay({
      tariffs: q.unit.tariffs,
      quotient: quotientOn(q.payerId, q.day),
      resident: residentOf(q.payerId, q.structureId),
      rule,
      startTime: q.unit.startTime,
      endTime: q.unit.endTime,
      rank,
    });
  };
}
