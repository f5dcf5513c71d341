/*
 * Tariffs beyond the quotient (ADR 055), pure: the one price of a unit on a day for a family and a child, in integer
 * cents, with the note the invoice line, the calendar and the période preview show. The steps, in this order:
 *   1. the QF bracket of the quotient in force that day (an unknown QF or one no bracket covers: the highest price);
 *   2. résident or hors commune: the bracket's `nonResidentPriceCents` when the family is not résident (null = same);
 *   3. HOURLY (the activity's rule that day): the price is per hour, × the unit's minutes / 60, rounded half up;
 *   4. fratrie: the 2nd child gets siblingSecondPercent off, the 3rd and next siblingThirdPercent off — the reduction
 *      rounded half up to the cent (price × pct / 100), then taken off.
 * The custody split (ADR 051, splitShare) applies after all of this, in generate-month.
 */
import { foldWord } from "@/lib/staff/accent-search";
import { formatCents } from "@/lib/format";

export interface PricingTariff {
  qfMin: number;
  qfMax: number | null;
  priceCents: number;
  nonResidentPriceCents: number | null;
}

export type TariffModeName = "PER_UNIT" | "HOURLY";
export type SiblingScopeName = "DAY" | "PERIOD";

export interface PricingRule {
  /** "YYYY-MM-DD" */
  validFrom: string;
  mode: TariffModeName;
  siblingSecondPercent: number | null;
  siblingThirdPercent: number | null;
  siblingScope: SiblingScopeName;
}

export interface PricedDay {
  cents: number;
  /** « tarif hors commune · 2 h 30 × 3,00 € · réduction fratrie -10 % »; null when the price is the plain QF one. */
  note: string | null;
}

/** The rule of an activity on a day: the latest whose validFrom is on or before it; null = per unit, no reduction. */
export function ruleOn<R extends { validFrom: string }>(rules: readonly R[], day: string): R | null {
  let found: R | null = null;
  for (const r of rules) if (r.validFrom <= day && (found === null || r.validFrom > found.validFrom)) found = r;
  return found;
}

/**
 * Is the family résident? When the lieu lists communes, the family's postal code or city (folded: case and accents
 * ignored, « Saint-Étienne » = « saint etienne ») must be one of them; a lieu without a list falls back on the family's
 * own `isResident` (set by staff, also used by the résidents' opening phase).
 */
export function isResidentOf(family: { postalCode: string; city: string; isResident: boolean }, communes: readonly string[]): boolean {
  const listed = communes.map(foldCommune).filter((c) => c !== "");
  if (listed.length === 0) return family.isResident;
  return listed.includes(foldCommune(family.postalCode)) || listed.includes(foldCommune(family.city));
}

/** A commune as compared: folded, hyphens and apostrophes as spaces, spaces collapsed (« Saint-Étienne » = « saint etienne »). */
export function foldCommune(name: string): string {
  return foldWord(name).replace(/[-'’]/g, " ").replace(/\s+/g, " ").trim();
}

/** The minutes of a unit "HH:MM" → "HH:MM" (0 when the end is not after the start). */
export function unitMinutes(startTime: string, endTime: string): number {
  const m = (t: string) => {
    const [h, mm] = t.split(":").map(Number);
    return (h ?? 0) * 60 + (mm ?? 0);
  };
  return Math.max(0, m(endTime) - m(startTime));
}

/** An hourly price × minutes / 60, rounded half up to the cent (integers only: no float drift). */
export function hourlyCents(perHourCents: number, minutes: number): number {
  return Math.floor((2 * perHourCents * minutes + 60) / 120);
}

/** A percentage of a price, rounded half up to the cent. */
export function percentOf(cents: number, percent: number): number {
  return Math.floor((2 * cents * percent + 100) / 200);
}

/** The fratrie percentage of a child's rank (1 = the first child, full price). */
export function siblingPercent(rule: Pick<PricingRule, "siblingSecondPercent" | "siblingThirdPercent"> | null, rank: number): number {
  if (!rule || rank <= 1) return 0;
  if (rank === 2) return rule.siblingSecondPercent ?? 0;
  return rule.siblingThirdPercent ?? rule.siblingSecondPercent ?? 0;
}

/** Does the rule reduce anything for siblings? */
export const hasSiblingReduction = (rule: PricingRule | null) =>
  !!rule && ((rule.siblingSecondPercent ?? 0) > 0 || (rule.siblingThirdPercent ?? 0) > 0);

/**
 * The rank of each child among siblings: eldest first (birth date, then id so that twins always rank the same way).
 * The eldest pays the full price; a younger one gets the reduction — the order the family reads its calendars in.
 */
export function siblingRanks(children: readonly { childId: string; birthDate: string }[]): Map<string, number> {
  const unique = new Map(children.map((c) => [c.childId, c]));
  const sorted = [...unique.values()].sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.childId.localeCompare(b.childId));
  return new Map(sorted.map((c, i) => [c.childId, i + 1]));
}

/** « 2 h 30 », « 3 h », « 45 min » for a unit's length. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}\u00a0min`;
  return m === 0 ? `${h}\u00a0h` : `${h}\u00a0h\u00a0${String(m).padStart(2, "0")}`;
}

/**
 * The price of one unit on a day: tariffs of the unit, the family's QF that day, résident or not, the activity's rule
 * in force that day, the unit's hours, and the child's fratrie rank (1 when alone, or when the rule has no reduction).
 * Null when the unit has no tariff.
 */
export function priceDay(input: {
  tariffs: readonly PricingTariff[];
  quotient: number | null;
  resident: boolean;
  rule: PricingRule | null;
  startTime: string;
  endTime: string;
  rank: number;
}): PricedDay | null {
  const { tariffs, quotient, resident, rule } = input;
  if (tariffs.length === 0) return null;
  const priceOf = (t: PricingTariff) => (resident ? t.priceCents : (t.nonResidentPriceCents ?? t.priceCents));
  const bracket =
    quotient === null ? null : (tariffs.find((t) => quotient >= t.qfMin && (t.qfMax === null || quotient <= t.qfMax)) ?? null);
  const base = bracket ? priceOf(bracket) : Math.max(...tariffs.map(priceOf));
  const notes: string[] = [];
  const nonResident =
    !resident && (bracket ? bracket.nonResidentPriceCents !== null : tariffs.some((t) => t.nonResidentPriceCents !== null));
  if (nonResident) notes.push("tarif hors commune");
  let cents = base;
  if (rule?.mode === "HOURLY") {
    const minutes = unitMinutes(input.startTime, input.endTime);
    cents = hourlyCents(base, minutes);
    notes.push(`${formatDuration(minutes)} × ${formatCents(base)}`);
  }
  const percent = siblingPercent(rule, input.rank);
  if (percent > 0) {
    cents -= percentOf(cents, percent);
    notes.push(`réduction fratrie -${percent}\u00a0%`);
  }
  return { cents, note: notes.length ? notes.join(" · ") : null };
}
