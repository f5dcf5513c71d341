import { beforeEach, describe, expect, it, vi } from "vitest";

/** Security matrix of the staff side of réservations: a parent on every staff action and page, the CSV export, the calendar feed. */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as desk from "@/app/admin/reservations/actions";
import * as occupation from "@/app/admin/occupation/actions";
import * as pointage from "@/app/admin/pointage/actions";
import * as activities from "@/app/admin/activites/actions";
import * as parentSide from "@/app/mes-reservations/actions";
import * as details from "@/app/mes-coordonnees/actions";
import AttendancePage from "@/app/admin/pointage/page";
import OccupancyPage from "@/app/admin/occupation/page";
import { GET as exportAttendance } from "@/app/admin/pointage/export/route";
import { createBookableWorld, createFamily, createStaffUser, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma } from "./helpers";

const DENIED = { ok: false, error: "Accès refusé." };
const DAY = "2027-01-06";

async function setup() {
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-01-31",
    weekdays: [3],
    units: [{ name: "Matin", capacity: 5 }],
  });
  const a = await createFamily(prisma, { lastName: "Parent", children: [{ firstName: "Ada", birthDate: "2018-01-01", sex: "F" }] });
  const b = await createFamily(prisma, { lastName: "Autre", children: [{ firstName: "Bob", birthDate: "2018-01-01", sex: "M" }] });
  const inscriptionB = await inscribe(prisma, w, b.family, b.children[0]!.id);
  await prisma.child.update({ where: { id: b.children[0]!.id }, data: { hasAllergies: true, allergyNotes: "Arachide secrète" } });
  const reservation = await prisma.reservation.create({
    data: { inscriptionId: inscriptionB.id, timeUnitId: w.units[0]!.id, date: new Date(`${DAY}T00:00:00Z`), status: "RESERVED" },
  });
  return { w, a, b, inscriptionB, reservation };
}

beforeEach(() => {
  session.current = null;
});

describe("staff side of réservations: a parent, or nobody", () => {
  it("every staff action answers « Accès refusé. » and changes nothing", async () => {
    const { w, a, inscriptionB, reservation } = await setup();
    for (const who of [a.user.id, null]) {
      session.current = who ? { user: { id: who } } : null;
      const expected = who ? DENIED : { ok: false, error: "Votre session a expiré. Reconnectez-vous." };
      await expectNothingChanged(async () => {
        expect(await desk.acceptReservationAction({ id: reservation.id })).toEqual(expected);
        expect(await desk.refuseReservationAction({ id: reservation.id, reason: "x" })).toEqual(expected);
        expect(await desk.decideReservationsAction({ decision: "validate", ids: [reservation.id] })).toEqual(expected);
        expect(await desk.decideCancellationsAction({ decisions: [{ id: reservation.id, decision: "EXCUSED" }], reason: "x" })).toEqual(
          expected,
        );
        expect(await occupation.cancelDayAction({ activityId: w.activity.id, date: DAY, timeUnitIds: [], reason: "Grève" })).toEqual(
          expected,
        );
        expect(await activities.setCapacityOverrideAction({ timeUnitId: w.units[0]!.id, date: DAY, capacity: "0" })).toEqual(expected);
        expect(
          await pointage.recordAttendanceAction({
            activityId: w.activity.id,
            date: DAY,
            timeUnitId: w.units[0]!.id,
            marks: [{ reservationId: reservation.id, mark: "ABSENT" }],
          }),
        ).toEqual(expected);
        expect(
          await pointage.addWalkInAction({
            activityId: w.activity.id,
            date: DAY,
            timeUnitId: w.units[0]!.id,
            inscriptionId: inscriptionB.id,
          }),
        ).toEqual(expected);
      });
    }
  });

  it("the pointage and occupancy pages (health data) and the CSV export are for staff only", async () => {
    const { w, a } = await setup();
    session.current = { user: { id: a.user.id } };
    const params = { searchParams: Promise.resolve({ activite: w.activity.id, jour: DAY, unite: w.units[0]!.id }) };
    for (const page of [AttendancePage, OccupancyPage]) {
      const refused = await page(params).catch((e: unknown) => e);
      expect(String((refused as Error & { digest?: string }).digest)).toContain("/acces-refuse");
    }
    const response = await exportAttendance(new Request(`http://localhost/admin/pointage/export?activite=${w.activity.id}&jour=${DAY}`));
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("Arachide");
    session.current = null;
    expect(
      (await exportAttendance(new Request(`http://localhost/admin/pointage/export?activite=${w.activity.id}&jour=${DAY}`))).status,
    ).toBe(403);
    // Staff: the export works; bad input is a clear 4xx.
    session.current = { user: { id: (await createStaffUser(prisma)).id } };
    const ok = await exportAttendance(new Request(`http://localhost/admin/pointage/export?activite=${w.activity.id}&mois=2027-01`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toMatch(/^attachment; filename="pointage-.*-2027-01\.csv";/);
    expect((await ok.text()).split("\r\n")[0] ?? "").toContain(
      "Nom;Prénom;Date de naissance;N° allocataire CAF;Date;Unité;Début;Fin;Heures de présence;Pointage",
    );
    // A name typed as a formula stays text in a spreadsheet.
    const { w: w2 } = await setup();
    const evil = await createFamily(prisma, {
      lastName: "Formule",
      children: [{ firstName: '=HYPERLINK("http://x")', birthDate: "2018-01-01", sex: "M" }],
    });
    const evilInscription = await inscribe(prisma, w2, evil.family, evil.children[0]!.id);
    await prisma.reservation.create({
      data: { inscriptionId: evilInscription.id, timeUnitId: w2.units[0]!.id, date: new Date(`${DAY}T00:00:00Z`), status: "PRESENT" },
    });
    const csv = await (
      await exportAttendance(new Request(`http://localhost/admin/pointage/export?activite=${w2.activity.id}&jour=${DAY}`))
    ).text();
    expect(csv).toContain(`FORMULE;"'=HYPERLINK(""http://x"")"`);
    expect(
      (await exportAttendance(new Request(`http://localhost/admin/pointage/export?activite=${w.activity.id}&jour=2027-02-31`))).status,
    ).toBe(400);
    expect((await exportAttendance(new Request("http://localhost/admin/pointage/export?activite=inconnue&jour=2027-01-06"))).status).toBe(
      404,
    );
  });

  it("the calendar-feed and reminder actions are the parent's own (staff refused)", async () => {
    const { a } = await setup();
    session.current = { user: { id: (await createStaffUser(prisma)).id } };
    await expectNothingChanged(async () => {
      expect(await parentSide.renewCalendarFeedAction({})).toEqual(DENIED);
      expect(await details.updateRemindersAction({ remindersOn: [] })).toEqual(DENIED);
    });
    session.current = { user: { id: a.user.id } };
    expect(await details.updateRemindersAction({ remindersOn: ["JAMAIS"] })).toMatchObject({ ok: false });
    const renewed = await parentSide.renewCalendarFeedAction({});
    expect(renewed.ok && renewed.data.url).toMatch(/\/calendrier\//);
    expect((await prisma.family.findUniqueOrThrow({ where: { id: a.family.id } })).calendarToken).not.toBeNull();
  });
});
