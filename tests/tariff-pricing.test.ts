import { describe, expect, it } from "vitest";
import {
  foldCommune,
  formatDuration,
  hourlyCents,
  isResidentOf,
  percentOf,
  priceDay,
  ruleOn,
  siblingRanks,
  unitMinutes,
  type PricingRule,
} from "@/lib/billing/pricing/price-day";

// ADR 055, pure: each rule alone and combined, against hand computations.
const tariffs = [
  { qfMin: 0, qfMax: 500, priceCents: 200, nonResidentPriceCents: 300 },
  { qfMin: 501, qfMax: null, priceCents: 400, nonResidentPriceCents: null },
];
const rule = (over: Partial<PricingRule> = {}): PricingRule => ({
  validFrom: "2027-01-01",
  mode: "PER_UNIT",
  siblingSecondPercent: null,
  siblingThirdPercent: null,
  siblingScope: "DAY",
  ...over,
});
const base = { tariffs, quotient: 300, resident: true, rule: null, startTime: "08:30", endTime: "11:00", rank: 1 };

describe("priceDay (ADR 055)", () => {
  it("the QF bracket alone: no note", () => {
    expect(priceDay(base)).toEqual({ cents: 200, note: null });
    expect(priceDay({ ...base, quotient: 900 })).toEqual({ cents: 400, note: null });
    // Unknown QF: the highest price.
    expect(priceDay({ ...base, quotient: null })).toEqual({ cents: 400, note: null });
    expect(priceDay({ ...base, tariffs: [] })).toBeNull();
  });

  it("hors commune: the bracket's own price, said; a bracket without one keeps its price and says nothing", () => {
    expect(priceDay({ ...base, resident: false })).toEqual({ cents: 300, note: "tarif hors commune" });
    expect(priceDay({ ...base, quotient: 900, resident: false })).toEqual({ cents: 400, note: null });
  });

  it("hourly: 2 h 30 at 3,00 € an hour = 7,50 €; rounded half up to the cent", () => {
    const priced = priceDay({
      ...base,
      tariffs: [{ qfMin: 0, qfMax: null, priceCents: 300, nonResidentPriceCents: null }],
      rule: rule({ mode: "HOURLY" }),
    });
    expect(priced!.cents).toBe(750);
    expect(priced!.note).toBe("2\u00a0h\u00a030 × 3,00\u00a0€");
    // 1,55 €/h × 50 min = 129,1666… → 129 ; 1,01 €/h × 30 min = 50,5 → 51 (half up).
    expect(hourlyCents(155, 50)).toBe(129);
    expect(hourlyCents(101, 30)).toBe(51);
    expect(hourlyCents(100, 90)).toBe(150);
    expect(unitMinutes("16:30", "18:45")).toBe(135);
    expect(unitMinutes("18:00", "17:00")).toBe(0);
    expect(formatDuration(135)).toBe("2\u00a0h\u00a015");
    expect(formatDuration(120)).toBe("2\u00a0h");
    expect(formatDuration(45)).toBe("45\u00a0min");
  });

  it("fratrie: the 2nd child 10 % off, the 3rd and next 20 % off, the reduction rounded half up", () => {
    const r = rule({ siblingSecondPercent: 10, siblingThirdPercent: 20 });
    expect(priceDay({ ...base, rule: r, rank: 1 })).toEqual({ cents: 200, note: null });
    expect(priceDay({ ...base, rule: r, rank: 2 })).toEqual({ cents: 180, note: "réduction fratrie -10\u00a0%" });
    expect(priceDay({ ...base, rule: r, rank: 3 })).toEqual({ cents: 160, note: "réduction fratrie -20\u00a0%" });
    expect(priceDay({ ...base, rule: r, rank: 4 })!.cents).toBe(160);
    // 10 % of 1,25 € = 12,5 c → 13 c off (half up): 1,12 €. 15 % of 0,99 € = 14,85 c → 15 c off.
    expect(percentOf(125, 10)).toBe(13);
    expect(percentOf(99, 15)).toBe(15);
    expect(percentOf(0, 50)).toBe(0);
    // Only a 2nd percentage: the 3rd and next get it too.
    expect(priceDay({ ...base, rule: rule({ siblingSecondPercent: 10 }), rank: 3 })!.cents).toBe(180);
  });

  it("combined: a hors-commune family, 3 children, a 2 h 30 unit at 3,00 € an hour, fratrie 10 % / 20 %", () => {
    const t = [{ qfMin: 0, qfMax: null, priceCents: 250, nonResidentPriceCents: 300 }];
    const r = rule({ mode: "HOURLY", siblingSecondPercent: 10, siblingThirdPercent: 20 });
    const at = (rank: number) => priceDay({ ...base, tariffs: t, resident: false, rule: r, rank });
    // 3,00 × 2,5 = 7,50 € ; 7,50 − 0,75 = 6,75 € ; 7,50 − 1,50 = 6,00 €.
    expect(at(1)).toEqual({ cents: 750, note: "tarif hors commune · 2\u00a0h\u00a030 × 3,00\u00a0€" });
    expect(at(2)).toEqual({ cents: 675, note: "tarif hors commune · 2\u00a0h\u00a030 × 3,00\u00a0€ · réduction fratrie -10\u00a0%" });
    expect(at(3)).toEqual({ cents: 600, note: "tarif hors commune · 2\u00a0h\u00a030 × 3,00\u00a0€ · réduction fratrie -20\u00a0%" });
    // Résident: 2,50 × 2,5 = 6,25 € ; 2nd: 6,25 − 0,625 → 0,63 off = 5,62 €.
    expect(priceDay({ ...base, tariffs: t, resident: true, rule: r, rank: 2 })!.cents).toBe(562);
  });

  it("the rule of a day is the latest one in force on or before it", () => {
    const rules = [rule({ validFrom: "2027-01-01" }), rule({ validFrom: "2027-01-15", mode: "HOURLY" }), rule({ validFrom: "2027-02-01" })];
    expect(ruleOn(rules, "2026-12-31")).toBeNull();
    expect(ruleOn(rules, "2027-01-14")!.validFrom).toBe("2027-01-01");
    expect(ruleOn(rules, "2027-01-15")!.validFrom).toBe("2027-01-15");
    expect(ruleOn(rules, "2027-03-01")!.validFrom).toBe("2027-02-01");
  });

  it("siblings ranked eldest first (then by id: twins always the same way)", () => {
    const ranks = siblingRanks([
      { childId: "c", birthDate: "2019-05-01" },
      { childId: "a", birthDate: "2016-01-01" },
      { childId: "b", birthDate: "2019-05-01" },
      { childId: "a", birthDate: "2016-01-01" },
    ]);
    expect([...ranks.entries()]).toEqual([
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ]);
  });

  it("résident: the lieu's communes (postal code or city, accents and case ignored), else the family's own flag", () => {
    const family = { postalCode: "42000", city: "Saint-Étienne", isResident: false };
    expect(isResidentOf(family, [])).toBe(false);
    expect(isResidentOf({ ...family, isResident: true }, [])).toBe(true);
    expect(isResidentOf(family, ["saint etienne"])).toBe(true);
    expect(isResidentOf(family, ["SAINT-ETIENNE"])).toBe(true);
    expect(isResidentOf(family, [" 42000 "])).toBe(true);
    // The list decides, whatever the flag.
    expect(isResidentOf({ ...family, isResident: true }, ["Lyon", "69001"])).toBe(false);
    expect(foldCommune("  L'Haÿ-les-Roses ")).toBe("l hay les roses");
  });
});
