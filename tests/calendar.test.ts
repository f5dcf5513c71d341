import { describe, expect, it } from "vitest";
import { deadlineFor, describeDeadline, isBeforeDeadline, parseDeadline } from "@/lib/calendar/deadlines";
import { parisInstant } from "@/lib/calendar/paris";
import { ageInMonths, fittingGroups } from "@/lib/activities/age-groups";
import { isOpenFor, opensAtFor } from "@/lib/activities/opening";

const d = (day: string) => new Date(`${day}T00:00:00Z`);

describe("deadline expressions, in Europe/Paris", () => {
  it("parses the forms staff write, and nothing else", () => {
    expect(parseDeadline("J-2 10:00")).toEqual({ kind: "DAYS_BEFORE", days: 2, time: "10:00" });
    expect(parseDeadline("mercredi_precedent 23:59")).toEqual({ kind: "WEEKDAY_BEFORE", weekday: 3, time: "23:59" });
    for (const bad of ["", "J-2", "J-2 25:00", "J+2 10:00", "JEUDI 10:00", "FOO_PRECEDENT 10:00", "J-2 10:00 x"]) {
      expect(parseDeadline(bad), bad).toBeNull();
    }
  });

  it("keeps 10:00 Paris time across the change to winter time (last Sunday of October)", () => {
    // 2026-10-25: clocks go back. J-2 10:00 for Tuesday 27 → Sunday 25 at 10:00 CET = 09:00 UTC.
    expect(deadlineFor(parseDeadline("J-2 10:00")!, "2026-10-27").toISOString()).toBe("2026-10-25T09:00:59.999Z");
    // For Saturday 24 → Thursday 22 at 10:00 CEST = 08:00 UTC.
    expect(deadlineFor(parseDeadline("J-2 10:00")!, "2026-10-24").toISOString()).toBe("2026-10-22T08:00:59.999Z");
  });

  it("keeps it across the change to summer time (last Sunday of March)", () => {
    // 2027-03-28: clocks go forward. J-1 10:00 for Monday 29 → Sunday 28 at 10:00 CEST = 08:00 UTC.
    expect(deadlineFor(parseDeadline("J-1 10:00")!, "2027-03-29").toISOString()).toBe("2027-03-28T08:00:59.999Z");
    expect(deadlineFor(parseDeadline("J-1 10:00")!, "2027-03-28").toISOString()).toBe("2027-03-27T09:00:59.999Z");
  });

  it("« le mercredi précédent jusqu'à 23 h 59 (avant minuit) »", () => {
    // For Wednesday 2026-12-02: the Wednesday before, 25 November, 23:59 Paris (22:59 UTC in winter).
    expect(deadlineFor(parseDeadline("MERCREDI_PRECEDENT 23:59")!, "2026-12-02").toISOString()).toBe("2026-11-25T22:59:59.999Z");
    // For Friday 2026-12-04: Wednesday 2 December.
    expect(deadlineFor(parseDeadline("MERCREDI_PRECEDENT 23:59")!, "2026-12-04").toISOString()).toBe("2026-12-02T22:59:59.999Z");
    expect(isBeforeDeadline("MERCREDI_PRECEDENT 23:59", "2026-12-02", new Date("2026-11-25T22:58:59Z"))).toBe(true);
    expect(isBeforeDeadline("MERCREDI_PRECEDENT 23:59", "2026-12-02", new Date("2026-11-25T23:00:00Z"))).toBe(false);
  });

  it("« 23 h 59 » holds until 23:59:59 Paris time, late at 00:00:00 — in winter and across the March 2027 change", () => {
    const paris = (iso: string) => new Date(iso);
    // Winter (UTC+1): for Wednesday 2026-12-02, the deadline is Wednesday 25 November 23:59 Paris.
    expect(isBeforeDeadline("MERCREDI_PRECEDENT 23:59", "2026-12-02", paris("2026-11-25T23:59:30+01:00"))).toBe(true);
    expect(isBeforeDeadline("MERCREDI_PRECEDENT 23:59", "2026-12-02", paris("2026-11-25T23:59:59.999+01:00"))).toBe(true);
    expect(isBeforeDeadline("MERCREDI_PRECEDENT 23:59", "2026-12-02", paris("2026-11-26T00:00:00+01:00"))).toBe(false);
    // 28 March 2027 02:00 → 03:00: « J-1 23:59 » for Monday 29 ends Sunday 28 at 23:59:59 CEST (UTC+2).
    expect(isBeforeDeadline("J-1 23:59", "2027-03-29", paris("2027-03-28T23:59:30+02:00"))).toBe(true);
    expect(isBeforeDeadline("J-1 23:59", "2027-03-29", paris("2027-03-29T00:00:00+02:00"))).toBe(false);
    // For Sunday 28 itself: Saturday 27 at 23:59:59 CET (UTC+1), the night before the change.
    expect(isBeforeDeadline("J-1 23:59", "2027-03-28", paris("2027-03-27T23:59:30+01:00"))).toBe(true);
    expect(isBeforeDeadline("J-1 23:59", "2027-03-28", paris("2027-03-28T00:00:00+01:00"))).toBe(false);
    // A weekly deadline whose Wednesday falls after the change (for Wednesday 31 March: Wednesday 24, CET; for 7 April: 31 March, CEST).
    expect(isBeforeDeadline("MERCREDI_PRECEDENT 23:59", "2027-03-31", paris("2027-03-24T23:59:30+01:00"))).toBe(true);
    expect(isBeforeDeadline("MERCREDI_PRECEDENT 23:59", "2027-03-31", paris("2027-03-25T00:00:00+01:00"))).toBe(false);
    expect(isBeforeDeadline("MERCREDI_PRECEDENT 23:59", "2027-04-07", paris("2027-03-31T23:59:30+02:00"))).toBe(true);
    expect(isBeforeDeadline("MERCREDI_PRECEDENT 23:59", "2027-04-07", paris("2027-04-01T00:00:00+02:00"))).toBe(false);
  });

  it("describes itself in French", () => {
    expect(describeDeadline("J-2 10:00")).toBe("2 jours avant, jusqu'à 10\u00a0h");
    expect(describeDeadline("MERCREDI_PRECEDENT 23:59")).toBe("le mercredi précédent jusqu'à 23\u00a0h\u00a059 (avant minuit)");
  });

  it("parisInstant follows the offset of the day", () => {
    expect(parisInstant("2026-07-01", "08:00").toISOString()).toBe("2026-07-01T06:00:00.000Z");
    expect(parisInstant("2026-12-01", "08:00").toISOString()).toBe("2026-12-01T07:00:00.000Z");
  });
});

describe("age groups, at the start of the period", () => {
  const groups = [
    { id: "m", name: "Maternelle", minAgeMonths: 30, maxAgeMonths: 71 },
    { id: "e", name: "Élémentaire +6 ans", minAgeMonths: 72, maxAgeMonths: 155 },
  ];

  it("counts whole months", () => {
    expect(ageInMonths(d("2022-03-14"), d("2026-09-01"))).toBe(53);
    expect(ageInMonths(d("2020-09-02"), d("2026-09-01"))).toBe(71);
    expect(ageInMonths(d("2020-09-01"), d("2026-09-01"))).toBe(72);
  });

  it("offers only the groups the child fits on the first day of the period", () => {
    expect(fittingGroups(groups, d("2022-03-14"), d("2026-09-01")).map((g) => g.name)).toEqual(["Maternelle"]);
    // Six the day after the period starts: still Maternelle for that period.
    expect(fittingGroups(groups, d("2020-09-02"), d("2026-09-01")).map((g) => g.name)).toEqual(["Maternelle"]);
    expect(fittingGroups(groups, d("2020-09-01"), d("2026-09-01")).map((g) => g.name)).toEqual(["Élémentaire +6 ans"]);
    expect(fittingGroups(groups, d("2025-01-01"), d("2026-09-01"))).toEqual([]);
  });
});

describe("inscription opening", () => {
  const rules = { inscriptionsOpenAt: new Date("2026-06-08T06:00:00Z"), residentsOpenAt: new Date("2026-06-01T06:00:00Z") };
  it("opens earlier for families living in the town", () => {
    const now = new Date("2026-06-03T10:00:00Z");
    expect(isOpenFor(rules, true, now)).toBe(true);
    expect(isOpenFor(rules, false, now)).toBe(false);
    expect(opensAtFor(rules, false)).toEqual(rules.inscriptionsOpenAt);
    expect(isOpenFor(rules, false, new Date("2026-06-08T06:00:00Z"))).toBe(true);
    expect(isOpenFor({ inscriptionsOpenAt: null, residentsOpenAt: null }, false, now)).toBe(true);
  });
  it("opens first for the children renewed, when the activity has a renewal phase (ADR 052)", () => {
    const withRenewals = { ...rules, renewalsOpenAt: new Date("2026-05-25T06:00:00Z") };
    const now = new Date("2026-05-27T10:00:00Z");
    expect(isOpenFor(withRenewals, false, now, true)).toBe(true);
    expect(isOpenFor(withRenewals, true, now, false)).toBe(false);
    expect(opensAtFor(withRenewals, true, true)).toEqual(withRenewals.renewalsOpenAt);
    // No renewal phase: a renewal opens with the family's own phase.
    expect(opensAtFor(rules, true, true)).toEqual(rules.residentsOpenAt);
  });
});
