import { describe, expect, it } from "vitest";
import { requestReservations, type CellRequest } from "@/lib/reservations/request-reservations";
import { askCancellation } from "@/lib/reservations/change-reservation";
import { acceptReservations } from "@/lib/reservations/decide-reservations";
import { cancelDay } from "@/lib/reservations/cancel-day";
import { addWalkIn } from "@/lib/reservations/add-walk-in";
import { attendanceExport } from "@/lib/reservations/export-attendance";
import { getAttendanceSheet } from "@/lib/reservations/get-attendance-sheet";
import { recordAttendance } from "@/lib/reservations/record-attendance";
import { todayAtTheDoor } from "@/lib/reservations/get-today-at-the-door";
import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { getOccupancy, getSlotChildren } from "@/lib/reservations/get-occupancy";
import { getMonthCalendar } from "@/lib/reservations/get-month-calendar";
import { previewPeriod } from "@/lib/reservations/reserve-period";
import { cancelDaySchema, walkInSchema } from "@/lib/reservations/schemas";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { DAY, ON_THE_DAY, parentIn, staffWorld as world } from "./staff-world";

const NOW = new Date("2026-12-01T10:00:00Z");
const cell = (inscriptionId: string, timeUnitId: string, day = DAY): CellRequest[] => [{ inscriptionId, timeUnitId, day }];
const statusOf = async (inscriptionId: string, timeUnitId: string, day = DAY) =>
  (await prisma.reservation.findFirst({ where: { inscriptionId, timeUnitId, date: new Date(`${day}T00:00:00Z`) } }))?.status;

describe("exceptional day", () => {
  it("cancels every booking, request and waiting request of the unit that day: never billed, waiting list cleared, one e-mail per family, closed on every calendar", async () => {
    const w = await world();
    const [matin, apresMidi] = w.units;
    const staff = await staffActor();
    const [a, b, c, d] = [await parentIn(w, "Ana"), await parentIn(w, "Bea"), await parentIn(w, "Cyd"), await parentIn(w, "Dan")];
    for (const p of [a, b, c])
      await requestReservations({ familyId: p.family.id, cells: cell(p.inscription.id, matin!.id), actor: p.actor, now: NOW });
    await requestReservations({ familyId: a.family.id, cells: cell(a.inscription.id, apresMidi!.id), actor: a.actor, now: NOW });
    await acceptReservations({
      ids: [(await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: a.inscription.id, timeUnitId: matin!.id } })).id],
      actor: staff,
      now: NOW,
    });
    expect([
      await statusOf(a.inscription.id, matin!.id),
      await statusOf(b.inscription.id, matin!.id),
      await statusOf(c.inscription.id, matin!.id),
    ]).toEqual(["RESERVED", "REQUESTED", "WAITLISTED"]);

    const result = await cancelDay({
      activityId: w.activity.id,
      day: DAY,
      timeUnitIds: [matin!.id],
      reason: "Grève des animateurs",
      actor: staff,
    });
    expect(result).toEqual({ cancelled: 3, families: 3, units: ["Matin"], wholeDay: false });
    const rows = await prisma.reservation.findMany({ where: { timeUnitId: matin!.id, date: new Date(`${DAY}T00:00:00Z`) } });
    expect(rows.map((r) => [r.status, r.waitlistRank])).toEqual([
      ["CANCELLED", null],
      ["CANCELLED", null],
      ["CANCELLED", null],
    ]);
    // The afternoon was not cancelled.
    expect(await statusOf(a.inscription.id, apresMidi!.id)).toBe("REQUESTED");
    for (const p of [a, b, c]) {
      const mails = await prisma.emailOutbox.findMany({ where: { familyId: p.family.id, template: "reservation-day_cancelled" } });
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain("Motif : Grève des animateurs");
      expect(mails[0]!.text).toContain("mercredi 6 janvier 2027 - Temps d'accueil : Matin - Annulée par la structure");
    }
    // Dan (no booking): the unit is closed on his calendar, the period skips it, a send is refused.
    const calendar = (await getMonthCalendar({ familyId: d.family.id, inscriptionId: d.inscription.id, month: "2027-01", now: NOW }))!;
    const day = calendar.days.find((x) => x.day === DAY)!;
    expect(day.lanes[0]!.cells[0]).toEqual({ kind: "BLOCKED", reason: "CLOSED" });
    expect(day.lanes[0]!.cells[1]!.kind).toBe("FREE");
    expect(calendar.closures).toContainEqual({
      label: "Grève des animateurs — accueil annulé par la structure (Matin)",
      start: DAY,
      end: DAY,
    });
    const preview = await previewPeriod({
      familyId: d.family.id,
      inscriptionId: d.inscription.id,
      startDate: DAY,
      endDate: "2027-01-13",
      weekType: "ALL",
      slots: [`3:${matin!.id}`],
      now: NOW,
    });
    expect(preview.skipped.closed).toEqual([DAY]);
    expect(preview.cells.map((x) => x.day)).toEqual(["2027-01-13"]);
    const [sent] = await requestReservations({ familyId: d.family.id, cells: cell(d.inscription.id, matin!.id), actor: d.actor, now: NOW });
    expect(sent).toMatchObject({ outcome: "REFUSED", message: "Accueil annulé par la structure ce jour-là : Grève des animateurs" });
    // A's calendar shows the cancelled cell with its code.
    const mine = (await getMonthCalendar({ familyId: a.family.id, inscriptionId: a.inscription.id, month: "2027-01", now: NOW }))!;
    expect(mine.days.find((x) => x.day === DAY)!.lanes[0]!.cells[0]).toMatchObject({
      kind: "BOOKED",
      status: "CANCELLED",
      reason: "Grève des animateurs",
    });
    // Twice: said, nothing changes.
    await expectNothingChanged(() =>
      expect(cancelDay({ activityId: w.activity.id, day: DAY, timeUnitIds: [], reason: "Encore", actor: staff })).rejects.toThrow(
        "est déjà annulé pour : Matin",
      ),
    );
  });

  it("is refused on a day already partly invoiced, with the reason, and changes nothing; a day that is not an opening day is refused too", async () => {
    const w = await world();
    const staff = await staffActor();
    const [a, b] = [await parentIn(w, "Eve"), await parentIn(w, "Fox")];
    await prisma.reservation.create({
      data: { inscriptionId: a.inscription.id, timeUnitId: w.units[1]!.id, date: new Date(`${DAY}T00:00:00Z`), status: "INVOICED" },
    });
    await prisma.reservation.create({
      data: { inscriptionId: b.inscription.id, timeUnitId: w.units[1]!.id, date: new Date(`${DAY}T00:00:00Z`), status: "RESERVED" },
    });
    const other = await world();
    await expectNothingChanged(async () => {
      await expect(cancelDay({ activityId: w.activity.id, day: DAY, timeUnitIds: [], reason: "Sortie", actor: staff })).rejects.toThrow(
        "Le mercredi 6 janvier 2027 est déjà facturé (1 réservation facturée) : il ne peut plus être annulé.",
      );
      await expect(
        cancelDay({ activityId: w.activity.id, day: "2027-01-07", timeUnitIds: [], reason: "Sortie", actor: staff }),
      ).rejects.toThrow("n'est pas un jour d'ouverture");
      await expect(cancelDay({ activityId: w.activity.id, day: DAY, timeUnitIds: [], reason: "  ", actor: staff })).rejects.toThrow(
        "Motif",
      );
      await expect(
        cancelDay({ activityId: w.activity.id, day: DAY, timeUnitIds: [other.units[0]!.id], reason: "x", actor: staff }),
      ).rejects.toThrow("introuvable");
    });
    // The morning only (nothing invoiced there) can still be cancelled.
    expect(
      await cancelDay({ activityId: w.activity.id, day: DAY, timeUnitIds: [w.units[0]!.id], reason: "Sortie", actor: staff }),
    ).toMatchObject({ cancelled: 0 });
  });
});

describe("pointage", () => {
  it("marks presents and one absent (A Fact.), excuses an absence after a DA in time, locks the cells; corrections need a reason and are logged", async () => {
    const w = await world();
    const [, apresMidi] = w.units;
    const staff = await staffActor();
    const [a, b, c] = [
      await parentIn(w, "Gil", { health: { hasAllergies: true, allergyNotes: "Arachide", hasPai: true, photoConsent: false } }),
      await parentIn(w, "Hal"),
      await parentIn(w, "Ivy"),
    ];
    for (const p of [a, b, c])
      await requestReservations({ familyId: p.family.id, cells: cell(p.inscription.id, apresMidi!.id), actor: p.actor, now: NOW });
    const ids = (await prisma.reservation.findMany({ where: { timeUnitId: apresMidi!.id }, orderBy: { createdAt: "asc" } })).map(
      (r) => r.id,
    );
    await acceptReservations({ ids, actor: staff, now: NOW });
    // Ivy cancels in time (before J-2 10:00).
    await askCancellation({ familyId: c.family.id, reservationId: ids[2]!, actor: c.actor, now: new Date("2027-01-02T10:00:00Z") });

    const sheet = (await getAttendanceSheet({ activityId: w.activity.id, day: DAY, timeUnitId: apresMidi!.id, scope: ALL_LIEUX }))!;
    expect(sheet.children.map((x) => [x.child.firstName, x.status, x.proposed, x.cancelledInTime])).toEqual([
      ["Gil", "RESERVED", null, false],
      ["Hal", "RESERVED", null, false],
      ["Ivy", "CANCELLATION_REQUESTED", null, true],
    ]);
    expect(sheet.children[0]!.child).toMatchObject({ hasAllergies: true, allergyNotes: "Arachide", hasPai: true, photoConsent: false });
    // Read in typed SQL (ADR 047): the same fields as the family file, dates as dates, guardians and authorised persons.
    const gil = await prisma.child.findUniqueOrThrow({
      where: { id: a.inscription.childId },
      include: { authorizedPersons: true, family: { include: { adults: { where: { isLegalGuardian: true } } } } },
    });
    expect(sheet.children[0]!.child).toMatchObject({
      id: gil.id,
      birthDate: gil.birthDate,
      mealType: gil.mealType,
      canLeaveAlone: gil.canLeaveAlone,
    });
    expect(sheet.children[0]!.child.authorizedPersons).toEqual(
      gil.authorizedPersons.map((p) => ({ fullName: p.fullName, phone: p.phone, relationship: p.relationship })),
    );
    expect(sheet.children[0]!.family).toMatchObject({ id: gil.familyId, name: gil.family.name });
    expect(sheet.children[0]!.family.guardians.map((g) => g.firstName)).toEqual(gil.family.adults.map((g) => g.firstName));

    // Not before the day.
    await expectNothingChanged(() =>
      expect(
        recordAttendance({
          activityId: w.activity.id,
          day: DAY,
          timeUnitId: apresMidi!.id,
          marks: [{ reservationId: ids[0]!, mark: "PRESENT" }],
          actor: staff,
          now: NOW,
        }),
      ).rejects.toThrow("se fait le jour même ou après"),
    );
    const marks = [
      { reservationId: ids[0]!, mark: "PRESENT" as const },
      { reservationId: ids[1]!, mark: "ABSENT" as const },
      { reservationId: ids[2]!, mark: "ABSENT" as const },
    ];
    expect(
      await recordAttendance({ activityId: w.activity.id, day: DAY, timeUnitId: apresMidi!.id, marks, actor: staff, now: ON_THE_DAY }),
    ).toEqual({ changed: 3 });
    expect([
      await statusOf(a.inscription.id, apresMidi!.id),
      await statusOf(b.inscription.id, apresMidi!.id),
      await statusOf(c.inscription.id, apresMidi!.id),
    ]).toEqual(["PRESENT", "ABSENT_BILLED", "ABSENT_EXCUSED"]);
    // The staff's home page: the unit with its children expected and pointed that day.
    expect((await todayAtTheDoor(DAY, ALL_LIEUX)).find((d) => d.unit.id === apresMidi!.id)).toMatchObject({
      expected: 3,
      pointed: 3,
      activity: { id: w.activity.id },
    });
    // The same sheet again changes nothing.
    expect(
      await recordAttendance({ activityId: w.activity.id, day: DAY, timeUnitId: apresMidi!.id, marks, actor: staff, now: ON_THE_DAY }),
    ).toEqual({ changed: 0 });
    // The parent can no longer cancel a pointed cell.
    await expect(askCancellation({ familyId: a.family.id, reservationId: ids[0]!, actor: a.actor, now: ON_THE_DAY })).rejects.toThrow();
    // A correction without a reason: refused, nothing changes; with one: applied and logged with who and why.
    const correction = [{ reservationId: ids[1]!, mark: "PRESENT" as const }];
    await expectNothingChanged(() =>
      expect(
        recordAttendance({
          activityId: w.activity.id,
          day: DAY,
          timeUnitId: apresMidi!.id,
          marks: correction,
          actor: staff,
          now: ON_THE_DAY,
        }),
      ).rejects.toThrow("Motif : indiquez pourquoi vous corrigez le pointage de Hal."),
    );
    await recordAttendance({
      activityId: w.activity.id,
      day: DAY,
      timeUnitId: apresMidi!.id,
      marks: correction,
      reason: "Arrivé à 15h",
      actor: staff,
      now: ON_THE_DAY,
    });
    const log = await prisma.transitionLog.findFirstOrThrow({ where: { entityId: ids[1]! }, orderBy: { createdAt: "desc" } });
    expect(log).toMatchObject({ fromStatus: "ABSENT_BILLED", toStatus: "PRESENT", reason: "Arrivé à 15h", actorId: staff.userId });
    // Invoiced: locked for good.
    await prisma.reservation.update({ where: { id: ids[0]! }, data: { status: "INVOICED" } });
    await expectNothingChanged(() =>
      expect(
        recordAttendance({
          activityId: w.activity.id,
          day: DAY,
          timeUnitId: apresMidi!.id,
          marks: [{ reservationId: ids[0]!, mark: "ABSENT" }],
          reason: "x",
          actor: staff,
          now: ON_THE_DAY,
        }),
      ).rejects.toThrow("Gil : ce jour est déjà facturé"),
    );
    // Another unit's or day's reservation is a missing one here.
    const elsewhere = await prisma.reservation.create({
      data: { inscriptionId: a.inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${DAY}T00:00:00Z`), status: "RESERVED" },
    });
    await expectNothingChanged(() =>
      expect(
        recordAttendance({
          activityId: w.activity.id,
          day: DAY,
          timeUnitId: apresMidi!.id,
          marks: [{ reservationId: elsewhere.id, mark: "PRESENT" }],
          actor: staff,
          now: ON_THE_DAY,
        }),
      ).rejects.toThrow("introuvable"),
    );

    // The CAF export: child, date, unit, hours (4 h for a presence, 0 for an absence; an invoiced cell as its log says).
    await prisma.transitionLog.create({
      data: { machine: "RESERVATION", entityId: ids[0]!, fromStatus: "PRESENT", toStatus: "INVOICED", actorRole: "SYSTEM" },
    });
    const exported = (await attendanceExport({ activityId: w.activity.id, from: "2027-01-01", to: "2027-01-31", scope: ALL_LIEUX }))!;
    expect(exported.rows.map((r) => [r.firstName, r.unit, r.hours, r.status])).toEqual([
      ["Gil", "Après-midi", 4, "INVOICED"],
      ["Hal", "Après-midi", 4, "PRESENT"],
      ["Ivy", "Après-midi", 0, "ABSENT_EXCUSED"],
    ]);
  });

  it("adds a child present without a booking (walk-in), never beyond the places", async () => {
    const w = await world({ units: [{ name: "Matin", capacity: 1 }] });
    const staff = await staffActor();
    const [a, b] = [await parentIn(w, "Jo"), await parentIn(w, "Kim")];
    await addWalkIn({
      activityId: w.activity.id,
      day: DAY,
      timeUnitId: w.units[0]!.id,
      inscriptionId: a.inscription.id,
      actor: staff,
      now: ON_THE_DAY,
    });
    expect(await statusOf(a.inscription.id, w.units[0]!.id)).toBe("PRESENT");
    await expectNothingChanged(() =>
      expect(
        addWalkIn({
          activityId: w.activity.id,
          day: DAY,
          timeUnitId: w.units[0]!.id,
          inscriptionId: b.inscription.id,
          actor: staff,
          now: ON_THE_DAY,
        }),
      ).rejects.toThrow("Plus de place ce jour pour cette unité (1 / 1)"),
    );
    await expect(
      addWalkIn({
        activityId: w.activity.id,
        day: DAY,
        timeUnitId: w.units[0]!.id,
        inscriptionId: a.inscription.id,
        actor: staff,
        now: ON_THE_DAY,
      }),
    ).rejects.toThrow("a déjà une réservation");
    // Parallel walk-ins for the last place: exactly one.
    const w2 = await world({ units: [{ name: "Matin", capacity: 1 }] });
    const many = [];
    for (const n of ["La", "Mo", "Ny", "Ot", "Pi"]) many.push(await parentIn(w2, n));
    const settled = await Promise.allSettled(
      many.map((p) =>
        addWalkIn({
          activityId: w2.activity.id,
          day: DAY,
          timeUnitId: w2.units[0]!.id,
          inscriptionId: p.inscription.id,
          actor: staff,
          now: ON_THE_DAY,
        }),
      ),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.reservation.count({ where: { timeUnitId: w2.units[0]!.id, status: "PRESENT" } })).toBe(1);
  });
});

describe("pointage and walk-in: the limits hold", () => {
  it("a child marked back present after an absence takes a place again only if one is left; two different marks for one child are refused", async () => {
    const w = await world({ units: [{ name: "Matin", capacity: 1 }] });
    const staff = await staffActor();
    const [a, b] = [await parentIn(w, "Vic"), await parentIn(w, "Wes")];
    const booked = await prisma.reservation.create({
      data: { inscriptionId: a.inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${DAY}T00:00:00Z`), status: "RESERVED" },
    });
    const sheet = { activityId: w.activity.id, day: DAY, timeUnitId: w.units[0]!.id, actor: staff, now: ON_THE_DAY };
    await recordAttendance({ ...sheet, marks: [{ reservationId: booked.id, mark: "ABSENT" }] });
    // The place freed by the absence goes to a child who came without a booking.
    await addWalkIn({ ...sheet, inscriptionId: b.inscription.id });
    await expectNothingChanged(async () => {
      await expect(
        recordAttendance({ ...sheet, marks: [{ reservationId: booked.id, mark: "PRESENT" }], reason: "Arrivé en retard" }),
      ).rejects.toThrow("Vic : plus de place ce jour pour cette unité.");
      await expect(
        recordAttendance({
          ...sheet,
          marks: [
            { reservationId: booked.id, mark: "PRESENT" },
            { reservationId: booked.id, mark: "EXCUSED" },
          ],
          reason: "x",
        }),
      ).rejects.toThrow("pointé deux fois différemment");
    });
    expect(await prisma.reservation.count({ where: { timeUnitId: w.units[0]!.id, status: "PRESENT" } })).toBe(1);
  });

  it("a walk-in follows the rules between units; a year the portal cannot hold is a clear field error", async () => {
    const w = await world({
      units: [
        { name: "Journée", capacity: 5 },
        { name: "Matin", capacity: 5 },
      ],
    });
    await prisma.timeUnitRule.create({ data: { kind: "INCOMPATIBLE", unitId: w.units[0]!.id, otherUnitId: w.units[1]!.id } });
    const p = await parentIn(w, "Xan");
    await prisma.reservation.create({
      data: { inscriptionId: p.inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${DAY}T00:00:00Z`), status: "RESERVED" },
    });
    await expectNothingChanged(() =>
      expect(
        addWalkIn({
          activityId: w.activity.id,
          day: DAY,
          timeUnitId: w.units[1]!.id,
          inscriptionId: p.inscription.id,
          actor: {} as never,
          now: ON_THE_DAY,
        }),
      ).rejects.toThrow(/^Xan : « Matin » ne peut pas être réservée? le même jour que « Journée »/),
    );
    for (const schema of [cancelDaySchema, walkInSchema]) {
      const parsed = schema.safeParse({
        activityId: "a",
        timeUnitId: "u",
        inscriptionId: "i",
        timeUnitIds: [],
        reason: "x",
        date: "01/01/0000",
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("Jour : date invalide, attendue au format jj/mm/aaaa (par exemple 06/05/2026).");
    }
  });
});

describe("occupancy", () => {
  it("shows booked / places / waiting per unit and day, and the children of a cell (booked, then waiting in order)", async () => {
    const w = await world();
    const [matin] = w.units;
    const fams = [await parentIn(w, "Quy"), await parentIn(w, "Rob"), await parentIn(w, "Sam"), await parentIn(w, "Tom")];
    for (const p of fams)
      await requestReservations({ familyId: p.family.id, cells: cell(p.inscription.id, matin!.id), actor: p.actor, now: NOW });
    // A public holiday on a Wednesday of the period: shown closed (greyed), with its label.
    await prisma.calendarException.create({
      data: {
        structureId: w.structure.id,
        kind: "FERMETURE",
        label: "Fermeture exceptionnelle",
        startDate: new Date("2027-01-27T00:00:00Z"),
        endDate: new Date("2027-01-27T00:00:00Z"),
      },
    });
    await prisma.openingDay.deleteMany({ where: { periodId: w.period.id, date: new Date("2027-01-27T00:00:00Z") } });
    const grid = (await getOccupancy(w.activity.id, "2027-01"))!;
    expect(grid.days.map((d) => [d.day, d.closed])).toEqual([
      ["2027-01-06", null],
      ["2027-01-13", null],
      ["2027-01-20", null],
      ["2027-01-27", "Fermeture exceptionnelle"],
    ]);
    expect(grid.days[0]!.cells[0]).toEqual({ booked: 2, capacity: 2, waiting: 2, cancelled: null });
    expect(grid.days[1]!.cells[0]).toEqual({ booked: 0, capacity: 2, waiting: 0, cancelled: null });
    const children = await getSlotChildren(matin!.id, DAY);
    expect(children.booked.map((r) => r.child.firstName)).toEqual(["Quy", "Rob"]);
    expect(children.waiting.map((r) => [r.child.firstName, r.position])).toEqual([
      ["Sam", 1],
      ["Tom", 2],
    ]);
  });
});
