import { ALL_LIEUX } from "@/lib/auth/staff-scope";
/**
 * Issue 21: one staff date (« 31/12/9999 ») froze the whole portal. Every date typed in the portal has a
 * range for its meaning, counted from today (lib/forms/date-ranges.ts); every loop over days is bounded.
 * Year 9999, 1900 and 0001 on every date input: the French field message, nothing written.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
import * as activites from "@/app/admin/activites/actions";
import * as structures from "@/app/admin/structures/actions";
import * as occupation from "@/app/admin/occupation/actions";
import * as pointage from "@/app/admin/pointage/actions";
import * as facturation from "@/app/admin/facturation/actions";
import * as familles from "@/app/admin/familles/[familyId]/actions";
import * as inscriptions from "@/app/mes-inscriptions/actions";
import * as reservations from "@/app/mes-reservations/actions";
import * as famille from "@/app/ma-famille/actions";
import * as compte from "@/app/creer-mon-compte/actions";
import { addPeriod } from "@/lib/activities/manage-periods";
import type { PeriodData } from "@/lib/activities/schemas";
import { addDays, eachDay, MAX_DAYS, parisDay } from "@/lib/calendar/paris";
import { DAY_RANGES, dayRangeMessage, filterDay, monthInRange, shiftDay } from "@/lib/forms/date-ranges";
import { paymentFilterOf } from "@/lib/billing/list-payments";
import { createBookableWorld, createFamily, createStaffUser, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma } from "./helpers";
import { activityForm } from "./fixtures";

beforeEach(() => {
  session.current = null;
});

const TODAY = "2026-12-02";
const fr = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

describe("the ranges, counted from the today passed in", () => {
  it("say both bounds in French, and move with today (no year written in the code)", () => {
    expect(dayRangeMessage("Date de fin", "9999-12-31", DAY_RANGES.planning, TODAY)).toBe(
      "Date de fin : une date du 02/12/2025 au 02/12/2029.",
    );
    expect(dayRangeMessage("Date de fin", "2029-12-02", DAY_RANGES.planning, TODAY)).toBeNull();
    expect(dayRangeMessage("Date de fin", "2029-12-03", DAY_RANGES.planning, TODAY)).toBe(
      "Date de fin : une date du 02/12/2025 au 02/12/2029.",
    );
    expect(dayRangeMessage("Date de fin", "2029-12-03", DAY_RANGES.planning, "2027-12-02")).toBeNull();
    expect(dayRangeMessage("Date de fin", "2026-12-01", DAY_RANGES.periodEnd, TODAY)).toBe(
      "Date de fin : cette période est déjà terminée.",
    );
    expect(dayRangeMessage("Date de réception", "2026-12-03", DAY_RANGES.received, TODAY)).toBe(
      "Date de réception : elle ne peut pas être dans le futur.",
    );
    expect(dayRangeMessage("Date de réception", "1900-01-01", DAY_RANGES.received, TODAY)).toBe(
      "Date de réception : une date du 02/12/2025 au 02/12/2026.",
    );
    expect(shiftDay("2028-02-29", { years: 1 })).toBe("2029-02-28");
    expect(shiftDay("2026-12-31", { days: 1 })).toBe("2027-01-01");
    expect(monthInRange("9999-12", DAY_RANGES.filter, TODAY)).toBe(false);
    expect(monthInRange("2026-11", DAY_RANGES.filter, TODAY)).toBe(true);
  });

  it("a URL filter out of range narrows nothing", () => {
    expect(filterDay("31/12/9999", TODAY)).toBeUndefined();
    expect(filterDay("01/01/0001", TODAY)).toBeUndefined();
    expect(filterDay("01/01/1900", TODAY)).toBeUndefined();
    expect(filterDay("02/12/2026", TODAY)).toBe("2026-12-02");
    const params: Record<string, string> = { du: "01/01/1900", au: "31/12/9999" };
    expect(paymentFilterOf((name) => params[name], TODAY)).toMatchObject({ from: undefined, to: undefined });
  });
});

describe("days are walked in bounded loops", () => {
  it("addDays never writes a 5-digit year; eachDay refuses more than ten years before its first step", () => {
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => addDays("0001-01-01", -1)).toThrow(RangeError);
    expect(addDays("9999-12-30", 1)).toBe("9999-12-31");
    const started = Date.now();
    expect(() => eachDay("2026-01-01", "9999-12-31")).toThrow(RangeError);
    expect(Date.now() - started).toBeLessThan(100);
    expect(eachDay("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(eachDay("2027-01-02", "2026-12-30")).toEqual([]);
    expect(eachDay("2026-01-01", addDays("2026-01-01", MAX_DAYS - 1))).toHaveLength(MAX_DAYS);
  });

  it("addPeriod itself refuses a period ending in year 9999 at once, in French, and writes nothing", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "Journée", capacity: 1 }],
    });
    const period = {
      activityId: w.activity.id,
      name: "Sans fin",
      startDate: "2027-02-01",
      endDate: "9999-12-31",
      weekdays: ["1", "2", "3", "4", "5"] as PeriodData["weekdays"],
      inHolidays: "non" as const,
    };
    const started = Date.now();
    await expectNothingChanged(() =>
      expect(addPeriod(period, TODAY, ALL_LIEUX)).rejects.toThrow("Date de fin : une date du 02/12/2026 au 02/12/2029."),
    );
    await expectNothingChanged(() =>
      expect(addPeriod({ ...period, startDate: "1900-01-01", endDate: "2027-02-28" }, TODAY, ALL_LIEUX)).rejects.toThrow(
        "Date de début : une date du 02/12/2025 au 02/12/2029.",
      ),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    // Within the range, it still works.
    expect((await addPeriod({ ...period, endDate: "2027-02-28" }, TODAY, ALL_LIEUX)).openingDays).toBeGreaterThan(0);
  });
});

/** Every date input of the portal, by action: the field, and how it is typed. */
describe("every date input refuses year 9999, 1900 and 0001 with its French message, and writes nothing", () => {
  const YEARS = ["31/12/9999", "01/01/1900"];
  const rangeMessage = (label: string) =>
    new RegExp(`^${label.replace(/[()]/g, "\\$&")} : (une date du \\d{2}/\\d{2}/\\d{4} au \\d{2}/\\d{2}/\\d{4}\\.|.+)$`);

  async function expectRefused(run: (typed: string) => Promise<unknown>, field: string, label: string, typed = YEARS) {
    for (const value of typed) {
      await expectNothingChanged(async () => {
        const result = (await run(value)) as { ok: boolean; fieldErrors?: Record<string, string> };
        expect(result.ok, `${field} = ${value}`).toBe(false);
        expect(result.fieldErrors?.[field], `${field} = ${value}`).toMatch(rangeMessage(label));
        expect(result.fieldErrors?.[field]).not.toMatch(/date invalide/);
      });
    }
    // Year 0001 is not a year the portal reads at all: the format message.
    await expectNothingChanged(async () => {
      const result = (await run("01/01/0001")) as { ok: boolean; fieldErrors?: Record<string, string> };
      expect(result.ok).toBe(false);
      expect(result.fieldErrors?.[field]).toMatch(/^.+ : (date invalide|date et heure invalides)/);
    });
  }

  it("staff: activity, period, capacity of a day, closures, exceptional day, walk-in, pointage, billing", async () => {
    const start = addDays(parisDay(new Date()), 7);
    const w = await createBookableWorld(prisma, {
      start,
      end: addDays(start, 60),
      weekdays: [1, 2, 3, 4, 5],
      units: [{ name: "Journée", capacity: 5 }],
    });
    const f = await createFamily(prisma, { children: [{ firstName: "Léo", birthDate: "2019-05-04", sex: "M" }] });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    const staff = await createStaffUser(prisma);
    session.current = { user: { id: staff.id } };
    const unit = w.units[0]!;
    const activity = activityForm(w.structure.id, { name: "Mercredis 9999" });
    await expectRefused(
      (d) => activites.createActivityAction({ ...activity, inscriptionsOpenAt: `${d} 08:00` }),
      "inscriptionsOpenAt",
      "Ouverture des inscriptions",
    );
    await expectRefused(
      (d) => activites.createActivityAction({ ...activity, inscriptionsOpenAt: "", residentsOpenAt: `${d} 08:00` }),
      "residentsOpenAt",
      "Ouverture pour les habitants de la commune",
    );
    const later = fr(addDays(start, 200));
    const period = {
      activityId: w.activity.id,
      name: "Longue",
      startDate: later,
      endDate: fr(addDays(start, 300)),
      weekdays: ["3"],
      inHolidays: "non",
    };
    await expectRefused((d) => activites.addPeriodAction({ ...period, endDate: d }), "endDate", "Date de fin");
    await expectRefused((d) => activites.addPeriodAction({ ...period, startDate: d }), "startDate", "Date de début");
    await expectRefused((d) => activites.setCapacityOverrideAction({ timeUnitId: unit.id, date: d, capacity: "3" }), "date", "Jour");
    const closure = { structureId: w.structure.id, kind: "FERMETURE", label: "Travaux" };
    await expectRefused((d) => structures.addCalendarExceptionAction({ ...closure, startDate: later, endDate: d }), "endDate", "Au");
    await expectRefused((d) => structures.addCalendarExceptionAction({ ...closure, startDate: d, endDate: later }), "startDate", "Du");
    await expectRefused(
      (d) => occupation.cancelDayAction({ activityId: w.activity.id, date: d, timeUnitIds: [], reason: "Grève" }),
      "date",
      "Jour",
    );
    await expectRefused(
      (d) => pointage.addWalkInAction({ activityId: w.activity.id, date: d, timeUnitId: unit.id, inscriptionId: inscription.id }),
      "date",
      "Jour",
    );
    // The pointage's day comes from the page (ISO): out of range is not a day.
    for (const date of ["9999-12-31", "1900-01-01", "0001-01-01"]) {
      await expectNothingChanged(async () =>
        expect(
          await pointage.recordAttendanceAction({
            activityId: w.activity.id,
            date,
            timeUnitId: unit.id,
            marks: [{ reservationId: "x", mark: "PRESENT" }],
          }),
        ).toMatchObject({ ok: false, fieldErrors: { date: "Jour invalide." } }),
      );
    }
    await expectRefused(
      (d) => facturation.issueMonthAction({ structureId: w.structure.id, month: "2026-11", dueDate: d }),
      "dueDate",
      "Payer avant",
    );
    await expectRefused(
      (d) =>
        facturation.recordDeskPaymentAction({
          familyId: f.family.id,
          method: "ESPECES",
          amount: "5",
          reference: "",
          receivedOn: d,
          invoiceIds: [],
        }),
      "receivedOn",
      "Date de réception",
    );
    for (const month of ["9999-12", "1900-01", "0001-01"]) {
      await expectNothingChanged(async () =>
        expect(await facturation.generateMonthAction({ structureId: w.structure.id, month })).toMatchObject({
          ok: false,
          fieldErrors: { month: "Mois : choisissez dans la liste." },
        }),
      );
    }
    // Staff editing a family's file: the birth dates.
    const child = await prisma.child.findFirstOrThrow({ where: { familyId: f.family.id } });
    const adult = await prisma.adult.findFirstOrThrow({ where: { familyId: f.family.id } });
    await expectRefused(
      (d) =>
        familles.staffUpdateChildAction({
          familyId: f.family.id,
          childId: child.id,
          identity: { lastName: "Test", firstName: "Léo", birthDate: d, sex: "M", school: "", schoolClass: "" },
        }),
      "identity.birthDate",
      "Date de naissance",
    );
    await expectRefused(
      (d) =>
        familles.staffUpdateAdultAction({
          familyId: f.family.id,
          adultId: adult.id,
          civility: "MME",
          lastName: "Test",
          firstName: "Ana",
          birthDate: d,
          mobilePhone: "06 01 02 03 04",
          email: "",
          relationship: "",
        }),
      "birthDate",
      "Date de naissance",
    );
  });

  it("parents: an inscription's dates, bookings over a period, the cells sent, a child's and an adult's birth date, the account request", async () => {
    const start = addDays(parisDay(new Date()), 7);
    const w = await createBookableWorld(prisma, {
      start,
      end: addDays(start, 60),
      weekdays: [1, 2, 3, 4, 5],
      units: [{ name: "Journée", capacity: 5 }],
    });
    const f = await createFamily(prisma, {
      children: [
        { firstName: "Léa", birthDate: "2019-05-04", sex: "F" },
        { firstName: "Tom", birthDate: "2018-05-04", sex: "M" },
      ],
    });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    session.current = { user: { id: f.user.id } };
    const asked = {
      childId: f.children[1]!.id,
      activityId: w.activity.id,
      periodId: w.period.id,
      ageGroupId: "",
      startDate: fr(start),
      endDate: fr(addDays(start, 60)),
    };
    await expectRefused((d) => inscriptions.requestInscriptionAction({ ...asked, endDate: d }), "endDate", "Au");
    await expectRefused((d) => inscriptions.requestInscriptionAction({ ...asked, startDate: d }), "startDate", "Du");
    const over = {
      inscriptionId: inscription.id,
      startDate: fr(start),
      endDate: fr(addDays(start, 30)),
      weekType: "ALL",
      slots: [`3:${w.units[0]!.id}`],
    };
    await expectRefused((d) => reservations.sendPeriodAction({ ...over, endDate: d }), "endDate", "Date fin");
    await expectRefused((d) => reservations.previewPeriodAction({ ...over, startDate: d }), "startDate", "Date début");
    for (const day of ["9999-12-31", "1900-01-01", "0001-01-01"]) {
      await expectNothingChanged(async () =>
        expect(
          await reservations.sendReservationRequestsAction({ cells: [{ inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, day }] }),
        ).toMatchObject({ ok: false, fieldErrors: { "cells.0.day": "Jour invalide." } }),
      );
    }
    const identity = { lastName: "Test", firstName: "Nina", sex: "F", school: "", schoolClass: "" };
    await expectRefused(
      (d) => famille.addChildAction({ identity: { ...identity, birthDate: d } }),
      "identity.birthDate",
      "Date de naissance",
    );
    await expectRefused(
      (d) =>
        famille.addAdultAction({
          civility: "M",
          lastName: "Test",
          firstName: "Paul",
          birthDate: d,
          mobilePhone: "06 01 02 03 04",
          email: "",
          relationship: "",
        }),
      "birthDate",
      "Date de naissance",
    );
    session.current = null;
    await expectRefused(
      (d) =>
        compte.requestAccountAction({
          civility: "MME",
          lastName: "Test",
          firstName: "Ana",
          birthDate: d,
          homePhone: "",
          mobilePhone: "06 01 02 03 04",
          email: "ana.9999@exemple.fr",
          street: "1 rue Neuve",
          addressComplement: "",
          postalCode: "59100",
          city: "Roubaix",
          password: "motdepasse123",
          passwordConfirmation: "motdepasse123",
        }),
      "birthDate",
      "Date de naissance",
    );
  });
});
