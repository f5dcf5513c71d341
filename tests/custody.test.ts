import { describe, expect, it } from "vitest";
import { custodyOn, hasCustody, otherFoyer, type CustodyCalendar } from "@/lib/families/custody";

const A = "foyer-a";
const B = "foyer-b";
const calendar = (rule: CustodyCalendar["rule"], days: [string, string][] = [], second: string | null = B): CustodyCalendar => ({
  firstFamilyId: A,
  secondFamilyId: second,
  rule,
  days: new Map(days),
});

describe("custodyOn (garde alternée)", () => {
  it("gives every day to the first foyer without a plan or without a second foyer", () => {
    expect(custodyOn(calendar(null), "2027-01-06")).toBe(A);
    expect(
      custodyOn(
        calendar({ kind: "WEEKDAYS", evenWeeksFamilyId: null, weekdayFamilyIds: Array(7).fill(B), defaultFamilyId: B }, [], null),
        "2027-01-06",
      ),
    ).toBe(A);
  });

  it("alternates on ISO week parity, across the year's turn (week 53 then week 1)", () => {
    const alternate = calendar({ kind: "ALTERNATE_WEEKS", evenWeeksFamilyId: B, weekdayFamilyIds: [], defaultFamilyId: A });
    expect(custodyOn(alternate, "2027-01-06")).toBe(A); // week 1, odd
    expect(custodyOn(alternate, "2027-01-13")).toBe(B); // week 2, even
    expect(custodyOn(alternate, "2026-12-30")).toBe(A); // week 53, odd
    expect(custodyOn(alternate, "2026-12-23")).toBe(B); // week 52, even
    expect(custodyOn(alternate, "2027-01-10")).toBe(A); // Sunday of week 1
    expect(custodyOn(alternate, "2027-01-11")).toBe(B); // Monday of week 2
  });

  it("reads fixed weekdays Monday first", () => {
    const days = [A, A, B, B, B, A, A];
    const weekdays = calendar({ kind: "WEEKDAYS", evenWeeksFamilyId: null, weekdayFamilyIds: days, defaultFamilyId: A });
    expect(custodyOn(weekdays, "2027-01-04")).toBe(A); // lundi
    expect(custodyOn(weekdays, "2027-01-06")).toBe(B); // mercredi
    expect(custodyOn(weekdays, "2027-01-10")).toBe(A); // dimanche
  });

  it("lets a chosen day override any rule, and DATES default to the default foyer", () => {
    const dates = calendar({ kind: "DATES", evenWeeksFamilyId: null, weekdayFamilyIds: [], defaultFamilyId: A }, [["2027-02-17", B]]);
    expect(custodyOn(dates, "2027-02-17")).toBe(B);
    expect(custodyOn(dates, "2027-02-18")).toBe(A);
    const swapped = calendar({ kind: "ALTERNATE_WEEKS", evenWeeksFamilyId: B, weekdayFamilyIds: [], defaultFamilyId: A }, [
      ["2027-01-13", A],
    ]);
    expect(custodyOn(swapped, "2027-01-13")).toBe(A);
    expect(hasCustody(swapped, B, "2027-01-13")).toBe(false);
    expect(hasCustody(swapped, B, "2027-01-14")).toBe(true);
  });

  it("names the other foyer", () => {
    expect(otherFoyer(calendar(null), A)).toBe(B);
    expect(otherFoyer(calendar(null), B)).toBe(A);
    expect(otherFoyer(calendar(null, [], null), A)).toBeNull();
  });
});
