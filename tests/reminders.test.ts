import { describe, expect, it } from "vitest";
import { sendDueReminders, setReminderSettings, getReminderSettings } from "@/lib/reservations/send-reminders";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { acceptReservations, refuseReservations } from "@/lib/reservations/decide-reservations";
import { actorFromUser } from "@/lib/workflow";
import { parisInstant } from "@/lib/calendar/paris";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

const BOOKED_AT = new Date("2026-12-01T10:00:00Z");
// Sunday 3 January 2027, 13:00 in Paris: tomorrow (Monday 4) at 10:00 is the J-2 deadline of Wednesday 6.
const NOW = new Date("2027-01-03T12:00:00Z");

async function parentIn(w: Awaited<ReturnType<typeof createBookableWorld>>, name: string) {
  const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  return { ...f, inscription: await inscribe(prisma, w, f.family, f.children[0]!.id), actor: actorFromUser(f.user) };
}

const mails = (familyId: string, template: string) => prisma.emailOutbox.findMany({ where: { familyId, template } });

describe("reminders", () => {
  it("« dernier jour demain » to book free days and to cancel bookings: each sent once, even when the job runs twice at once; a family that turned them off gets none", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "Journée", capacity: 10 }],
      bookingDeadline: "J-2 10:00",
      cancellationDeadline: "J-2 10:00",
    });
    const [free, booked, quiet] = [await parentIn(w, "Libre"), await parentIn(w, "Reserve"), await parentIn(w, "Silence")];
    await requestReservations({
      familyId: booked.family.id,
      cells: [{ inscriptionId: booked.inscription.id, timeUnitId: w.units[0]!.id, day: "2027-01-06" }],
      actor: booked.actor,
      now: BOOKED_AT,
    });
    await acceptReservations({
      ids: (await prisma.reservation.findMany({ where: { inscriptionId: booked.inscription.id } })).map((r) => r.id),
      actor: await staffActor(),
      now: BOOKED_AT,
    });
    await setReminderSettings(quiet.family.id, ["OPENING", "PROMOTED"]);
    expect(await getReminderSettings(quiet.family.id)).toEqual(["OPENING", "PROMOTED"]);

    // Two servers at the same minute, then the next run: one e-mail each.
    await Promise.all([sendDueReminders(NOW), sendDueReminders(NOW)]);
    await sendDueReminders(new Date(NOW.getTime() + 10 * 60_000));
    const [toFree, toBooked, toQuiet] = [
      await mails(free.family.id, "reminder-deadline"),
      await mails(booked.family.id, "reminder-deadline"),
      await mails(quiet.family.id, "reminder-deadline"),
    ];
    expect([toFree.length, toBooked.length, toQuiet.length]).toEqual([1, 1, 0]);
    expect(toFree[0]!.text).toContain(
      `Demain est le dernier jour pour réserver :\nLibre — ${w.activity.name} : mercredi 6 janvier 2027 (jusqu'au 04/01/2027 à 10\u00a0h)`,
    );
    expect(toFree[0]!.text).not.toContain("annuler");
    expect(toBooked[0]!.text).toContain(
      "Demain est le dernier jour pour annuler sans être facturé :\nReserve — Journée, mercredi 6 janvier 2027 (jusqu'au 04/01/2027 à 10\u00a0h)",
    );
    expect(toBooked[0]!.text).not.toContain("pour réserver");
    // The next day's reminders are another e-mail (the 13th's deadline is the 11th: nothing on the 5th).
    await sendDueReminders(new Date("2027-01-04T12:00:00Z"));
    expect(await mails(free.family.id, "reminder-deadline")).toHaveLength(1);
    await sendDueReminders(new Date("2027-01-10T12:00:00Z"));
    expect(await mails(free.family.id, "reminder-deadline")).toHaveLength(2);
  });

  it("inscriptions opening tomorrow: the families with a child inscribed in the activity, once", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "Journée", capacity: 10 }],
    });
    await prisma.activity.update({ where: { id: w.activity.id }, data: { inscriptionsOpenAt: parisInstant("2027-01-04", "08:00") } });
    const [inscribed, other] = [
      await parentIn(w, "Inscrit"),
      await createFamily(prisma, { lastName: "Ailleurs", children: [{ firstName: "Al", birthDate: "2018-01-01", sex: "M" }] }),
    ];
    await Promise.all([sendDueReminders(NOW), sendDueReminders(NOW)]);
    const sent = await mails(inscribed.family.id, "reminder-opening");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`Les inscriptions à ${w.activity.name} ouvrent demain, le 04/01/2027 à 8\u00a0h.`);
    expect(await mails(other.family.id, "reminder-opening")).toHaveLength(0);
  });

  it("« une place s'est libérée » follows the family's setting", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "Journée", capacity: 1 }],
    });
    const [first, wants, quiet] = [await parentIn(w, "Premier"), await parentIn(w, "Attend"), await parentIn(w, "Discret")];
    await setReminderSettings(quiet.family.id, []);
    for (const p of [first, wants, quiet])
      await requestReservations({
        familyId: p.family.id,
        cells: [{ inscriptionId: p.inscription.id, timeUnitId: w.units[0]!.id, day: "2027-01-13" }],
        actor: p.actor,
        now: BOOKED_AT,
      });
    const staff = await staffActor();
    // The place goes to Attend (rank 1): e-mailed. Then to Discret (rank 2): not e-mailed, but it has the place.
    await refuseReservations({
      ids: (await prisma.reservation.findMany({ where: { inscriptionId: first.inscription.id } })).map((r) => r.id),
      reason: "Test",
      actor: staff,
      now: BOOKED_AT,
    });
    await refuseReservations({
      ids: (await prisma.reservation.findMany({ where: { inscriptionId: wants.inscription.id } })).map((r) => r.id),
      reason: "Test",
      actor: staff,
      now: BOOKED_AT,
    });
    expect(await mails(wants.family.id, "reservation-promoted")).toHaveLength(1);
    expect(await mails(quiet.family.id, "reservation-promoted")).toHaveLength(0);
    expect((await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: quiet.inscription.id } })).status).toBe("REQUESTED");
  });
});
