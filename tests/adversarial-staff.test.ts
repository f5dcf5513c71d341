import { beforeEach, describe, expect, it, vi } from "vitest";

/** Adversarial review of the staff side of réservations: bad ids, mixed ids, races, what leaks. */
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("next/headers", async () => (await import("./session-mock")).nextHeadersMock(session));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

import * as desk from "@/app/admin/reservations/actions";
import * as occupation from "@/app/admin/occupation/actions";
import * as pointage from "@/app/admin/pointage/actions";
import { GET as calendarFeed } from "@/app/calendrier/[token]/route";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { cancelDay } from "@/lib/reservations/cancel-day";
import { addWalkIn } from "@/lib/reservations/add-walk-in";
import { recordAttendance } from "@/lib/reservations/record-attendance";
import { renewCalendarToken } from "@/lib/reservations/publish-calendar-feed";
import { actorFromUser } from "@/lib/workflow";
import { createStaffUser } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";
import { parisDay } from "@/lib/calendar/paris";
import { DAY, ON_THE_DAY, parentIn as parentWith, staffWorld as world } from "./staff-world";

const parentIn = (
  w: Awaited<ReturnType<typeof world>>,
  name: string,
  status: NonNullable<Parameters<typeof parentWith>[2]>["status"] = "VALIDATED",
) => parentWith(w, name, { status });

const date = (day = DAY) => new Date(`${day}T00:00:00Z`);

const reserve = (
  inscriptionId: string,
  timeUnitId: string,
  status: "RESERVED" | "WAITLISTED" | "REQUESTED" | "PRESENT" = "RESERVED",
  day = DAY,
) => prisma.reservation.create({ data: { inscriptionId, timeUnitId, date: date(day), status } });

async function asStaff() {
  const user = await createStaffUser(prisma);
  session.current = { user: { id: user.id } };
  return actorFromUser(user);
}

beforeEach(() => {
  session.current = null;
});

describe("pointage with foreign or mixed ids", () => {
  it("a reservation of another activity, or one good id mixed with a foreign one, or a request of the same cell: refused whole, nothing changes", async () => {
    const w = await world();
    const other = await world();
    const staff = await staffActor();
    const [a, b, c] = [await parentIn(w, "Ana"), await parentIn(other, "Bea"), await parentIn(w, "Cyd")];
    const mine = await reserve(a.inscription.id, w.units[0]!.id);
    const foreign = await reserve(b.inscription.id, other.units[0]!.id);
    const waiting = await reserve(c.inscription.id, w.units[0]!.id, "WAITLISTED");
    const sheet = { activityId: w.activity.id, day: DAY, timeUnitId: w.units[0]!.id, actor: staff, now: ON_THE_DAY };
    await expectNothingChanged(async () => {
      await expect(recordAttendance({ ...sheet, marks: [{ reservationId: foreign.id, mark: "PRESENT" }] })).rejects.toThrow(
        "Élément introuvable.",
      );
      await expect(
        recordAttendance({
          ...sheet,
          marks: [
            { reservationId: mine.id, mark: "PRESENT" },
            { reservationId: foreign.id, mark: "PRESENT" },
          ],
        }),
      ).rejects.toThrow("Élément introuvable.");
      // The other activity's unit under this activity's id.
      await expect(
        recordAttendance({ ...sheet, timeUnitId: other.units[0]!.id, marks: [{ reservationId: foreign.id, mark: "PRESENT" }] }),
      ).rejects.toThrow("Élément introuvable.");
      // Another day's cell.
      await expect(
        recordAttendance({
          ...sheet,
          day: "2027-01-13",
          now: new Date("2027-01-13T16:00:00Z"),
          marks: [{ reservationId: mine.id, mark: "PRESENT" }],
        }),
      ).rejects.toThrow("Élément introuvable.");
      // A waiting request of the same cell is not for the door: the good one before it is not written either.
      await expect(
        recordAttendance({
          ...sheet,
          marks: [
            { reservationId: mine.id, mark: "PRESENT" },
            { reservationId: waiting.id, mark: "PRESENT" },
          ],
        }),
      ).rejects.toThrow("Cyd : la réservation n'est plus à pointer");
    });
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe("RESERVED");
  });

  it("through the action: an unknown mark, an empty sheet or a non-existent day is a French message, nothing changes", async () => {
    const w = await world();
    const a = await parentIn(w, "Dan");
    const r = await reserve(a.inscription.id, w.units[0]!.id);
    await asStaff();
    await expectNothingChanged(async () => {
      const base = { activityId: w.activity.id, date: DAY, timeUnitId: w.units[0]!.id };
      expect(await pointage.recordAttendanceAction({ ...base, marks: [{ reservationId: r.id, mark: "INVOICED" }] })).toMatchObject({
        ok: false,
        fieldErrors: { "marks.0.mark": "Pointage : présent, absent ou absent excusé." },
      });
      expect(await pointage.recordAttendanceAction({ ...base, marks: [] })).toMatchObject({
        ok: false,
        fieldErrors: { marks: "Aucun enfant à pointer." },
      });
      expect(
        await pointage.recordAttendanceAction({ ...base, date: "2027-02-30", marks: [{ reservationId: r.id, mark: "PRESENT" }] }),
      ).toMatchObject({ ok: false, fieldErrors: { date: "Jour invalide." } });
      expect(
        await pointage.recordAttendanceAction({
          ...base,
          marks: Array.from({ length: 501 }, () => ({ reservationId: r.id, mark: "PRESENT" })),
        }),
      ).toMatchObject({ ok: false, fieldErrors: { marks: "500 enfants au plus à la fois." } });
    });
  });
});

describe("walk-in with a bad inscription, day or unit", () => {
  it("another activity's inscription or unit, a pending inscription, a day outside the inscription, a cancelled unit, a future day, a closed day: each said, nothing changes", async () => {
    const w = await world();
    const other = await world();
    const staff = await staffActor();
    const ok = await parentIn(w, "Eli");
    const foreign = await parentIn(other, "Fay");
    const pending = await parentIn(w, "Gus", "PENDING");
    const short = await parentIn(w, "Hub");
    await prisma.inscription.update({ where: { id: short.inscription.id }, data: { endDate: date("2027-01-05") } });
    await cancelDay({
      activityId: w.activity.id,
      day: "2027-01-13",
      timeUnitIds: [w.units[0]!.id],
      reason: "Sortie au musée",
      actor: staff,
    });
    const walkIn = (inscriptionId: string, extra: Partial<Parameters<typeof addWalkIn>[0]> = {}) =>
      addWalkIn({
        activityId: w.activity.id,
        day: DAY,
        timeUnitId: w.units[0]!.id,
        inscriptionId,
        actor: staff,
        now: ON_THE_DAY,
        ...extra,
      });
    await expectNothingChanged(async () => {
      await expect(walkIn(foreign.inscription.id)).rejects.toThrow("Élément introuvable.");
      await expect(walkIn(ok.inscription.id, { timeUnitId: other.units[0]!.id })).rejects.toThrow("Élément introuvable.");
      await expect(walkIn(pending.inscription.id)).rejects.toThrow("Une réservation n'est possible que dans une inscription validée.");
      await expect(walkIn(short.inscription.id)).rejects.toThrow("Ce jour est en dehors des dates de l'inscription.");
      await expect(walkIn(ok.inscription.id, { day: "2027-01-13", now: new Date("2027-01-13T09:00:00Z") })).rejects.toThrow(
        "Accueil annulé par la structure ce jour-là : Sortie au musée",
      );
      await expect(walkIn(ok.inscription.id, { day: "2027-01-13" })).rejects.toThrow("se fait le jour même ou après");
      await expect(walkIn(ok.inscription.id, { day: "2027-01-07", now: new Date("2027-01-07T09:00:00Z") })).rejects.toThrow(
        "n'est pas un jour d'ouverture",
      );
    });
  });

  it("races a parent's booking of the last place (automatic validation): exactly one child holds it", async () => {
    const w = await world({ automatic: true, units: [{ name: "Matin", capacity: 1 }], bookingDeadline: "J-0 23:00" });
    const staff = await staffActor();
    for (let round = 0; round < 3; round++) {
      const day = ["2027-01-06", "2027-01-13", "2027-01-20"][round]!;
      const now = new Date(`${day}T09:00:00Z`);
      const [p, q] = [await parentIn(w, `Iris${"abc"[round]}`), await parentIn(w, `Jude${"abc"[round]}`)];
      const settled = await Promise.allSettled([
        requestReservations({
          familyId: p.family.id,
          cells: [{ inscriptionId: p.inscription.id, timeUnitId: w.units[0]!.id, day }],
          actor: p.actor,
          now,
        }),
        addWalkIn({ activityId: w.activity.id, day, timeUnitId: w.units[0]!.id, inscriptionId: q.inscription.id, actor: staff, now }),
      ]);
      expect(settled[0]!.status).toBe("fulfilled");
      const holding = await prisma.reservation.count({
        where: { timeUnitId: w.units[0]!.id, date: date(day), status: { in: ["RESERVED", "PRESENT", "REQUESTED"] } },
      });
      expect(holding).toBe(1);
      if (settled[1]!.status === "rejected") expect(String(settled[1]!.reason)).toContain("Plus de place ce jour pour cette unité (1 / 1)");
      else
        expect((settled[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof requestReservations>>>).value[0]!.outcome).toBe(
          "WAITLISTED",
        );
    }
  });
});

describe("exceptional day with bad input", () => {
  it("a unit of another activity mixed with a good one, a bad date, too many units: said, nothing changes", async () => {
    const w = await world();
    const other = await world();
    const a = await parentIn(w, "Kai");
    await reserve(a.inscription.id, w.units[0]!.id);
    await asStaff();
    await expectNothingChanged(async () => {
      expect(
        await occupation.cancelDayAction({
          activityId: w.activity.id,
          date: DAY,
          timeUnitIds: [w.units[0]!.id, other.units[0]!.id],
          reason: "Grève",
        }),
      ).toEqual({ ok: false, error: "Élément introuvable." });
      expect(
        await occupation.cancelDayAction({ activityId: w.activity.id, date: "31/02/2027", timeUnitIds: [], reason: "Grève" }),
      ).toMatchObject({ ok: false, fieldErrors: { date: expect.stringContaining("Jour : date invalide") } });
      expect(
        await occupation.cancelDayAction({
          activityId: w.activity.id,
          date: DAY,
          timeUnitIds: Array.from({ length: 51 }, (_, i) => `u${i}`),
          reason: "Grève",
        }),
      ).toMatchObject({ ok: false });
      expect(
        await occupation.cancelDayAction({ activityId: other.activity.id, date: DAY, timeUnitIds: [w.units[0]!.id], reason: "Grève" }),
      ).toEqual({ ok: false, error: "Élément introuvable." });
    });
    // The same unit ticked twice is the unit once.
    expect(
      await occupation.cancelDayAction({
        activityId: w.activity.id,
        date: DAY,
        timeUnitIds: [w.units[0]!.id, w.units[0]!.id],
        reason: "Grève",
      }),
    ).toMatchObject({
      ok: true,
      data: { message: expect.stringContaining("(Matin) : 1 réservation ou demande annulée, 1 famille prévenue") },
    });
  });

  it("two staff cancelling the same day at once: one does it, the other is told; one e-mail per family, each family's own lines only", async () => {
    const w = await world();
    const [s1, s2] = [await staffActor(), await staffActor()];
    const [a, b] = [await parentIn(w, "Lou"), await parentIn(w, "Max")];
    await reserve(a.inscription.id, w.units[0]!.id);
    await reserve(b.inscription.id, w.units[0]!.id);
    await reserve(b.inscription.id, w.units[1]!.id);
    const settled = await Promise.allSettled([
      cancelDay({ activityId: w.activity.id, day: DAY, timeUnitIds: [], reason: "Grève", actor: s1 }),
      cancelDay({ activityId: w.activity.id, day: DAY, timeUnitIds: [w.units[0]!.id], reason: "Grève", actor: s2 }),
    ]);
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    const refused = settled.find((s) => s.status === "rejected") as PromiseRejectedResult;
    expect(String(refused.reason)).toContain("est déjà annulé pour : Matin");
    expect(await prisma.cancelledSlot.count({ where: { timeUnitId: w.units[0]!.id, date: date() } })).toBe(1);
    const mailA = await prisma.emailOutbox.findMany({ where: { familyId: a.family.id, template: "reservation-day_cancelled" } });
    const mailB = await prisma.emailOutbox.findMany({ where: { familyId: b.family.id, template: "reservation-day_cancelled" } });
    expect(mailA).toHaveLength(1);
    expect(mailB).toHaveLength(1);
    expect(mailA[0]!.text).not.toContain("Max");
    expect(mailB[0]!.text).not.toContain("Lou");
  });

  it("races a pointage of the same unit: the pointage waits and is then told the cell changed", async () => {
    const w = await world();
    const staff = await staffActor();
    const a = await parentIn(w, "Ned");
    const r = await reserve(a.inscription.id, w.units[0]!.id);
    const settled = await Promise.allSettled([
      cancelDay({ activityId: w.activity.id, day: DAY, timeUnitIds: [w.units[0]!.id], reason: "Grève", actor: staff }),
      recordAttendance({
        activityId: w.activity.id,
        day: DAY,
        timeUnitId: w.units[0]!.id,
        marks: [{ reservationId: r.id, mark: "ABSENT" }],
        actor: staff,
        now: ON_THE_DAY,
      }),
    ]);
    expect(settled[0]!.status).toBe("fulfilled");
    const final = (await prisma.reservation.findUniqueOrThrow({ where: { id: r.id } })).status;
    // Whichever ran first, the day ends cancelled (never billed).
    expect(final).toBe("CANCELLED");
  });
});

describe("two staff pointing the same cell at once", () => {
  it("one mark is recorded, the other is a correction without reason, refused; one log", async () => {
    const w = await world();
    const [s1, s2] = [await staffActor(), await staffActor()];
    for (let i = 0; i < 3; i++) {
      const a = await parentIn(w, `Oda${"abc"[i]}`);
      const r = await reserve(a.inscription.id, w.units[1]!.id);
      const sheet = { activityId: w.activity.id, day: DAY, timeUnitId: w.units[1]!.id, now: ON_THE_DAY };
      const settled = await Promise.allSettled([
        recordAttendance({ ...sheet, marks: [{ reservationId: r.id, mark: "PRESENT" }], actor: s1 }),
        recordAttendance({ ...sheet, marks: [{ reservationId: r.id, mark: "ABSENT" }], actor: s2 }),
      ]);
      expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
      expect(String((settled.find((s) => s.status === "rejected") as PromiseRejectedResult).reason)).toContain(
        `Motif : indiquez pourquoi vous corrigez le pointage de Oda${"abc"[i]}`,
      );
      expect(await prisma.transitionLog.count({ where: { entityId: r.id } })).toBe(1);
    }
  });
});

describe("bulk decisions mixing families", () => {
  it("one family's inscription no longer validated: said for its request, the other family's accepted, one e-mail to it only", async () => {
    const w = await world();
    const [a, b] = [await parentIn(w, "Pia"), await parentIn(w, "Quy")];
    const ra = await reserve(a.inscription.id, w.units[1]!.id, "REQUESTED");
    const rb = await reserve(b.inscription.id, w.units[1]!.id, "REQUESTED");
    await prisma.inscription.update({ where: { id: b.inscription.id }, data: { status: "CANCELLED" } });
    await asStaff();
    const result = await desk.decideReservationsAction({ decision: "validate", ids: [ra.id, rb.id, ra.id] });
    expect(result).toEqual({
      ok: true,
      data: { message: "1 demande validée. Cette inscription n'est plus validée : la demande ne peut pas être validée." },
    });
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: ra.id } })).status).toBe("RESERVED");
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: rb.id } })).status).toBe("REQUESTED");
    expect(await prisma.emailOutbox.count({ where: { familyId: b.family.id } })).toBe(0);
    expect(await prisma.emailOutbox.count({ where: { familyId: a.family.id, template: "reservation-accepted" } })).toBe(1);
  });

  it("an unknown id among good ones fails the whole call, nothing changes", async () => {
    const w = await world();
    const a = await parentIn(w, "Rey");
    const ra = await reserve(a.inscription.id, w.units[1]!.id, "REQUESTED");
    await asStaff();
    await expectNothingChanged(async () => {
      expect(await desk.decideReservationsAction({ decision: "validate", ids: [ra.id, "inconnu"] })).toEqual({
        ok: false,
        error: "Élément introuvable.",
      });
      expect(await desk.decideCancellationsAction({ decisions: [{ id: ra.id, decision: "EXCUSED" }], reason: "  " })).toMatchObject({
        ok: false,
      });
    });
  });
});

describe("calendar feed route", () => {
  it("a token of the right shape but unknown, a traversal, a token without .ics: 404, no data", async () => {
    const w = await world();
    const a = await parentIn(w, "Sol");
    // The route reads the clock (the feed starts 60 days ago): a day of today's, not a fixed one.
    const today = parisDay(new Date());
    await reserve(a.inscription.id, w.units[0]!.id, "RESERVED", today);
    const other = await parentIn(w, "Tim");
    await reserve(other.inscription.id, w.units[0]!.id, "RESERVED", today);
    const { url } = await renewCalendarToken(a.family.id);
    const token = url.split("/").pop()!;
    const get = (t: string) => calendarFeed(new Request(`http://localhost/calendrier/${t}`), { params: Promise.resolve({ token: t }) });
    const own = await get(token);
    expect(own.status).toBe(200);
    const ics = await own.text();
    expect(ics).toContain("Sol — Matin");
    expect(ics).not.toContain("Tim");
    const flipped = `${token[0] === "A" ? "B" : "A"}${token.slice(1)}`;
    for (const t of [
      flipped,
      token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase(),
      token.slice(0, -4),
      "../../etc/passwd.ics",
      `${"A".repeat(43)}.ics`,
      `${token.slice(0, -4)}%00.ics`,
    ]) {
      const response = await get(t);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("Calendrier introuvable.");
    }
  });
});
