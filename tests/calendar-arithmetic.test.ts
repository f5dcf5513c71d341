/**
 * Issue 22: the date arithmetic handed to date-fns (ISO week, last day of a month, the retention's
 * « N months ago ») and the one kept by hand (age in months), at their edges: ISO week 53, leap years,
 * month ends, DST days, year 9999 (docs/decisions/026-lib-names-and-date-fns.md).
 */
import { describe, expect, it } from "vitest";
import { ageInMonths } from "@/lib/activities/age-groups";
import { lastOf } from "@/lib/calendar/paris";
import { retentionCutoff } from "@/lib/privacy/purge-expired-documents";
import { isoWeek } from "@/lib/reservations/reserve-period";

const d = (day: string) => new Date(`${day}T00:00:00Z`);

describe("isoWeek (date-fns getISOWeek, read in UTC)", () => {
  it("says week 53 for the years that have one, and week 1 from the Monday after", () => {
    expect(isoWeek("2020-12-31")).toBe(53);
    expect(isoWeek("2021-01-03")).toBe(53);
    expect(isoWeek("2021-01-04")).toBe(1);
    expect(isoWeek("2026-12-31")).toBe(53);
    expect(isoWeek("2027-01-03")).toBe(53);
    expect(isoWeek("2027-01-04")).toBe(1);
    expect(isoWeek("2025-12-29")).toBe(1);
  });

  it("counts 29 February, the DST days and the calendar's first and last days", () => {
    expect(isoWeek("2024-02-29")).toBe(9);
    expect(isoWeek("2026-03-29")).toBe(13);
    expect(isoWeek("2026-10-25")).toBe(43);
    expect(isoWeek("0001-01-01")).toBe(1);
    expect(isoWeek("9999-12-31")).toBe(52);
  });
});

describe("lastOf (date-fns getDaysInMonth)", () => {
  it("knows the length of every month, leap years included", () => {
    expect(lastOf("2024-02")).toBe("2024-02-29");
    expect(lastOf("2026-02")).toBe("2026-02-28");
    expect(lastOf("2000-02")).toBe("2000-02-29");
    expect(lastOf("1900-02")).toBe("1900-02-28");
    expect(lastOf("2026-04")).toBe("2026-04-30");
    expect(lastOf("2026-12")).toBe("2026-12-31");
  });

  it("holds the calendar's last month, and refuses a month that is not one", () => {
    expect(lastOf("9999-12")).toBe("9999-12-31");
    expect(lastOf("0001-01")).toBe("0001-01-31");
    expect(() => lastOf("2026-13")).toThrow(RangeError);
  });
});

describe("retentionCutoff (date-fns subMonths)", () => {
  it("keeps a month end in its month instead of spilling into the next one", () => {
    expect(retentionCutoff(new Date("2026-03-31T10:00:00Z"), 1).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(retentionCutoff(new Date("2024-03-31T10:00:00Z"), 1).toISOString()).toBe("2024-02-29T10:00:00.000Z");
    expect(retentionCutoff(new Date("2026-05-31T23:30:00Z"), 3).toISOString()).toBe("2026-02-28T23:30:00.000Z");
  });

  it("moves an ordinary day by whole months, across years", () => {
    expect(retentionCutoff(new Date("2026-12-02T03:00:00Z"), 12).toISOString()).toBe("2025-12-02T03:00:00.000Z");
    expect(retentionCutoff(new Date("2026-01-15T00:00:00Z"), 1).toISOString()).toBe("2025-12-15T00:00:00.000Z");
    expect(retentionCutoff(new Date("2026-06-15T12:00:00Z"), 120).toISOString()).toBe("2016-06-15T12:00:00.000Z");
  });
});

describe("ageInMonths (kept by hand: a month is reached on the same day of the month)", () => {
  it("does not count a month before its day comes, at month ends and on 29 February", () => {
    expect(ageInMonths(d("2021-01-31"), d("2021-02-28"))).toBe(0);
    expect(ageInMonths(d("2021-01-31"), d("2021-03-01"))).toBe(1);
    expect(ageInMonths(d("2024-02-29"), d("2025-02-28"))).toBe(11);
    expect(ageInMonths(d("2024-02-29"), d("2025-03-01"))).toBe(12);
    expect(ageInMonths(d("2020-09-01"), d("9999-12-31"))).toBe((9999 - 2020) * 12 + 3);
  });
});
