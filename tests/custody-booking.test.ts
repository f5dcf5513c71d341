import { describe, expect, it } from "vitest";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { askCancellation } from "@/lib/reservations/change-reservation";
import { getMonthCalendar } from "@/lib/reservations/get-month-calendar";
import { previewPeriod, sendPeriod } from "@/lib/reservations/reserve-period";
import { reservationFeed } from "@/lib/reservations/get-reservation-feed";
import { sendDueReminders } from "@/lib/reservations/send-reminders";
import { setCustodyPlan } from "@/lib/families/set-custody-plan";
import type { CustodyPlanInput } from "@/lib/families/custody-plan-schema";
import { actorFromUser, NotFoundError } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe, linkSecondFoyer } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

const NOW = new Date("2026-12-01T10:00:00Z");
// ISO weeks: 6 Jan 2027 is week 1 (odd), 13 Jan week 2 (even), 20 Jan week 3, 27 Jan week 4.
const A_DAYS = ["2027-01-06", "2027-01-20"];
const B_DAYS = ["2027-01-13", "2027-01-27"];

/**
 * Léa, a child of foyer A (first, Child.familyId), linked to foyer B (second): alternate weeks, B has the even ones.
 * A's QF 300 (first bracket: 400 c the unit), B's QF 1000 (third bracket: 800 c).
 */
async function sharedChild(options: { plan?: boolean; automatic?: boolean } = {}) {
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-03-31",
    weekdays: [3],
    automatic: options.automatic ?? true,
    units: [{ name: "Journée", capacity: 10, prices: [400, 600, 800, 1000] }],
  });
  const a = await createFamily(prisma, {
    lastName: "Martin",
    quotientFamilial: 300,
    children: [{ firstName: "Léa", birthDate: "2018-03-02", sex: "F" }],
  });
  const b = await createFamily(prisma, { lastName: "Bernard", firstName: "Hugo", civility: "M", quotientFamilial: 1000 });
  const child = a.children[0]!;
  await linkSecondFoyer(prisma, child.id, b.family.id);
  const inscription = await inscribe(prisma, w, a.family, child.id);
  const staff = await staffActor();
  if (options.plan ?? true)
    await setCustodyPlan({ familyId: a.family.id, actor: staff, plan: alternate(child.id, a.family.id, b.family.id) });
  return { w, a, b, child, inscription, unit: w.units[0]!, staff, actorA: actorFromUser(a.user), actorB: actorFromUser(b.user) };
}

const alternate = (childId: string, first: string, even: string): CustodyPlanInput => ({
  childId,
  kind: "ALTERNATE_WEEKS",
  evenWeeksFamilyId: even,
  weekdayFamilyIds: [],
  defaultFamilyId: first,
  days: [],
  firstFoyerSharePercent: null,
});

describe("garde alternée: a foyer books and cancels only its custody days", () => {
  it("B books its custody day (foyerId = B, priced at B's quotient); A's day is refused with the message, nothing written", async () => {
    const s = await sharedChild();
    const [outcome] = await requestReservations({
      familyId: s.b.family.id,
      cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day: B_DAYS[0]! }],
      actor: s.actorB,
      now: NOW,
    });
    expect(outcome!.outcome).toBe("RESERVED");
    const row = await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: s.inscription.id } });
    expect(row.foyerId).toBe(s.b.family.id);
    // B's receipt: B's own solde dû (800 c at B's QF), to B only.
    const receipt = await prisma.emailOutbox.findFirstOrThrow({ where: { familyId: s.b.family.id, template: "reservation-receipt" } });
    expect(receipt.text).toContain("8,00 €");
    expect(await prisma.emailOutbox.count({ where: { familyId: s.a.family.id, template: "reservation-receipt" } })).toBe(0);

    await expectNothingChanged(async () => {
      const [refused] = await requestReservations({
        familyId: s.b.family.id,
        cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day: A_DAYS[0]! }],
        actor: s.actorB,
        now: NOW,
      });
      expect(refused).toMatchObject({ outcome: "REFUSED", message: "Ce jour, Léa est chez l'autre parent." });
    });
  });

  it("A (first foyer) books its week with foyerId = A; a mixed send refuses only B's days", async () => {
    const s = await sharedChild();
    const outcomes = await requestReservations({
      familyId: s.a.family.id,
      cells: [...A_DAYS, ...B_DAYS].map((day) => ({ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day })),
      actor: s.actorA,
      now: NOW,
    });
    expect(outcomes.map((o) => [o.day, o.outcome])).toEqual([
      ["2027-01-06", "RESERVED"],
      ["2027-01-20", "RESERVED"],
      ["2027-01-13", "REFUSED"],
      ["2027-01-27", "REFUSED"],
    ]);
    const rows = await prisma.reservation.findMany({ where: { inscriptionId: s.inscription.id }, orderBy: { date: "asc" } });
    expect(rows.map((r) => [r.date.toISOString().slice(0, 10), r.foyerId])).toEqual(A_DAYS.map((d) => [d, s.a.family.id]));
  });

  it("a child of one foyer books as before (foyerId stays null)", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-03-31",
      weekdays: [3],
      automatic: true,
      units: [{ name: "Journée", capacity: 10 }],
    });
    const f = await createFamily(prisma, { children: [{ firstName: "Tom", birthDate: "2018-03-02", sex: "M" }] });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    const [o] = await requestReservations({
      familyId: f.family.id,
      cells: [{ inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, day: "2027-01-13" }],
      actor: actorFromUser(f.user),
      now: NOW,
    });
    expect(o!.outcome).toBe("RESERVED");
    expect((await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: inscription.id } })).foyerId).toBeNull();
  });

  it("B's month calendar: A's days are « Chez l'autre parent » without detail, B's own at B's price; A sees the reverse", async () => {
    const s = await sharedChild({ automatic: false });
    await requestReservations({
      familyId: s.a.family.id,
      cells: A_DAYS.map((day) => ({ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day })),
      actor: s.actorA,
      now: NOW,
    });
    const ofB = (await getMonthCalendar({ familyId: s.b.family.id, inscriptionId: s.inscription.id, month: "2027-01", now: NOW }))!;
    expect(ofB.lanes[0]!.units[0]!.priceCents).toBe(800);
    const cell = (calendar: typeof ofB, day: string) => calendar.days.find((d) => d.day === day)!.lanes[0]!.cells[0];
    for (const day of A_DAYS) expect(cell(ofB, day)).toEqual({ kind: "BLOCKED", reason: "OTHER_FOYER" });
    for (const day of B_DAYS) expect(cell(ofB, day)!.kind).toBe("FREE");
    expect(JSON.stringify(ofB)).not.toContain("REQUESTED");

    const ofA = (await getMonthCalendar({ familyId: s.a.family.id, inscriptionId: s.inscription.id, month: "2027-01", now: NOW }))!;
    expect(ofA.lanes[0]!.units[0]!.priceCents).toBe(400);
    for (const day of A_DAYS) expect(cell(ofA, day)).toMatchObject({ kind: "BOOKED", status: "REQUESTED" });
    for (const day of B_DAYS) expect(cell(ofA, day)).toEqual({ kind: "BLOCKED", reason: "OTHER_FOYER" });

    // « Mon tableau de bord »: B's feed holds none of A's days.
    expect(await reservationFeed(s.b.family.id, NOW)).toEqual([]);
    expect((await reservationFeed(s.a.family.id, NOW)).length).toBeGreaterThan(0);
  });

  it("B cannot cancel A's booking (a missing one), nothing written; B cancels its own", async () => {
    const s = await sharedChild();
    await requestReservations({
      familyId: s.a.family.id,
      cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day: A_DAYS[0]! }],
      actor: s.actorA,
      now: NOW,
    });
    const ofA = await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: s.inscription.id } });
    await expectNothingChanged(() =>
      expect(askCancellation({ familyId: s.b.family.id, reservationId: ofA.id, actor: s.actorB, now: NOW })).rejects.toBeInstanceOf(
        NotFoundError,
      ),
    );
    await requestReservations({
      familyId: s.b.family.id,
      cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day: B_DAYS[0]! }],
      actor: s.actorB,
      now: NOW,
    });
    const ofB = await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: s.inscription.id, foyerId: s.b.family.id } });
    expect((await askCancellation({ familyId: s.b.family.id, reservationId: ofB.id, actor: s.actorB, now: NOW })).status).toBe(
      "ABSENT_EXCUSED",
    );
  });

  it("B's own booking left on a day that became A's (an exception added later, the day billed) cannot be cancelled by B", async () => {
    const s = await sharedChild();
    await requestReservations({
      familyId: s.b.family.id,
      cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day: B_DAYS[0]! }],
      actor: s.actorB,
      now: NOW,
    });
    const row = await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: s.inscription.id } });
    await billLine(row.id, s.b.family.id, s.w.structure.id);
    await setCustodyPlan({
      familyId: s.a.family.id,
      actor: s.staff,
      plan: { ...alternate(s.child.id, s.a.family.id, s.b.family.id), days: [{ day: B_DAYS[0]!, familyId: s.a.family.id }] },
    });
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: row.id } })).foyerId).toBe(s.b.family.id);
    await expectNothingChanged(() =>
      expect(askCancellation({ familyId: s.b.family.id, reservationId: row.id, actor: s.actorB, now: NOW })).rejects.toThrow(
        "Ce jour, Léa est chez l'autre parent.",
      ),
    );
  });

  it("A and B racing on the same day: exactly one reservation, the custody foyer's; each on its own day: both pass", async () => {
    for (let round = 0; round < 3; round += 1) {
      const s = await sharedChild();
      const send = (familyId: string, actor: typeof s.actorA, day: string) =>
        requestReservations({ familyId, actor, now: NOW, cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day }] });
      const [fromA, fromB] = await Promise.all([send(s.a.family.id, s.actorA, B_DAYS[0]!), send(s.b.family.id, s.actorB, B_DAYS[0]!)]);
      expect(fromA[0]!.outcome).toBe("REFUSED");
      expect(fromB[0]!.outcome).toBe("RESERVED");
      const [own, other] = await Promise.all([send(s.a.family.id, s.actorA, A_DAYS[0]!), send(s.b.family.id, s.actorB, B_DAYS[1]!)]);
      expect([own[0]!.outcome, other[0]!.outcome]).toEqual(["RESERVED", "RESERVED"]);
      const rows = await prisma.reservation.findMany({ where: { inscriptionId: s.inscription.id }, orderBy: { date: "asc" } });
      expect(rows.map((r) => [r.date.toISOString().slice(0, 10), r.foyerId])).toEqual([
        [A_DAYS[0], s.a.family.id],
        [B_DAYS[0], s.b.family.id],
        [B_DAYS[1], s.b.family.id],
      ]);
    }
  });

  it("a custody change racing with a booking: the day is booked by the foyer that has it once both committed", async () => {
    const s = await sharedChild();
    // B's day 13 Jan given to A by an exception, while B books it.
    const [, booked] = await Promise.all([
      setCustodyPlan({
        familyId: s.a.family.id,
        actor: s.staff,
        plan: { ...alternate(s.child.id, s.a.family.id, s.b.family.id), days: [{ day: B_DAYS[0]!, familyId: s.a.family.id }] },
      }),
      requestReservations({
        familyId: s.b.family.id,
        actor: s.actorB,
        now: NOW,
        cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day: B_DAYS[0]! }],
      }),
    ]);
    const row = await prisma.reservation.findFirst({ where: { inscriptionId: s.inscription.id } });
    // Either B booked first and the change moved the day to A, or the change came first and B was refused.
    if (booked[0]!.outcome === "RESERVED") expect(row!.foyerId).toBe(s.a.family.id);
    else expect(row).toBeNull();
  });

  it("« Réservations sur période » skips the other foyer's days and says how many; the total is at the asking foyer's QF", async () => {
    const s = await sharedChild();
    const request = {
      inscriptionId: s.inscription.id,
      startDate: "2027-01-04",
      endDate: "2027-01-31",
      weekType: "ALL" as const,
      slots: [`3:${s.unit.id}`],
    };
    const preview = await previewPeriod({ ...request, familyId: s.b.family.id, now: NOW });
    expect(preview.cells.map((c) => c.day)).toEqual(B_DAYS);
    expect(preview.skipped.otherFoyer).toEqual(A_DAYS);
    expect(preview.totalCents).toBe(2 * 800);
    const outcomes = await sendPeriod({ ...request, familyId: s.b.family.id, actor: s.actorB, now: NOW });
    expect(outcomes.map((o) => o.outcome)).toEqual(["RESERVED", "RESERVED"]);
    const fromA = await previewPeriod({ ...request, familyId: s.a.family.id, now: NOW });
    expect(fromA.cells.map((c) => c.day)).toEqual(A_DAYS);
    expect(fromA.skipped.otherFoyer).toEqual(B_DAYS);
    expect(fromA.skipped.booked).toBe(0);
    expect(fromA.totalCents).toBe(2 * 400);
  });
});

/** A line on an invoice of `familyId` for the reservation (billed): what « Générer le mois » writes, made directly. */
async function billLine(reservationId: string, familyId: string, structureId: string) {
  const invoice = await prisma.invoice.create({
    data: {
      number: `T-${reservationId.slice(-8)}`,
      structureId,
      year: 2027,
      sequence: Math.floor(Math.random() * 1e9),
      familyId,
      payerName: "Payeur",
      payerAddress: "Adresse",
      month: new Date("2027-01-01T00:00:00Z"),
      status: "DRAFT",
      totalCents: 800,
    },
  });
  await prisma.invoiceLine.create({
    data: { invoiceId: invoice.id, reservationId, label: "Journée", date: new Date(), unitPriceCents: 800, totalCents: 800 },
  });
  await prisma.reservation.update({ where: { id: reservationId }, data: { status: "INVOICED" } });
}

describe("setCustodyPlan (staff)", () => {
  it("a change moves the booked, unbilled days to their new foyer and tells both foyers; billed days stay", async () => {
    const s = await sharedChild();
    await requestReservations({
      familyId: s.a.family.id,
      cells: A_DAYS.map((day) => ({ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day })),
      actor: s.actorA,
      now: NOW,
    });
    const [billed, unbilled] = await prisma.reservation.findMany({ where: { inscriptionId: s.inscription.id }, orderBy: { date: "asc" } });
    await billLine(billed!.id, s.a.family.id, s.w.structure.id);
    await prisma.emailOutbox.deleteMany({ where: { familyId: { in: [s.a.family.id, s.b.family.id] } } });

    // Every Wednesday to B from now on (fixed weekdays).
    const result = await setCustodyPlan({
      familyId: s.b.family.id,
      actor: s.staff,
      plan: {
        childId: s.child.id,
        kind: "WEEKDAYS",
        evenWeeksFamilyId: null,
        weekdayFamilyIds: Array(7).fill(s.b.family.id),
        defaultFamilyId: s.a.family.id,
        days: [],
        firstFoyerSharePercent: null,
      },
    });
    expect(result.moved).toBe(1);
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: unbilled!.id } })).foyerId).toBe(s.b.family.id);
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: billed!.id } })).foyerId).toBe(s.a.family.id);

    const toA = await prisma.emailOutbox.findMany({ where: { familyId: s.a.family.id, template: "custody-changed" } });
    const toB = await prisma.emailOutbox.findMany({ where: { familyId: s.b.family.id, template: "custody-changed" } });
    expect(toA).toHaveLength(1);
    expect(toB).toHaveLength(1);
    expect(toB[0]!.text).toContain("Le calendrier de garde de Léa a changé : les jours réservés suivants sont désormais chez vous");
    expect(toB[0]!.text).toContain("mercredi 20 janvier 2027");
    expect(toB[0]!.text).not.toContain("6 janvier");
    expect(toA[0]!.text).toContain("sont désormais chez l'autre parent");
    expect(toA[0]!.text).toContain("mercredi 20 janvier 2027");
    // Nothing of the other foyer: neither its name nor its parent.
    expect(toA[0]!.text).not.toContain("Bernard");
    expect(toB[0]!.text).not.toContain("Martin");
    // Logged on both files (StaffEdit CHILD, before / after).
    expect(await prisma.staffEdit.count({ where: { targetId: s.child.id, kind: "CHILD" } })).toBe(4); // 2 plans × 2 foyers
    // B may now cancel the day that came to it.
    expect((await askCancellation({ familyId: s.b.family.id, reservationId: unbilled!.id, actor: s.actorB, now: NOW })).status).toBe(
      "ABSENT_EXCUSED",
    );
  });

  it("refuses a child without a second foyer, a foyer that is not the child's, and a family unrelated to the child", async () => {
    const s = await sharedChild({ plan: false });
    const single = await createFamily(prisma, { children: [{ firstName: "Noé", birthDate: "2018-03-02", sex: "M" }] });
    const c = await createFamily(prisma, { lastName: "Autre" });
    await expectNothingChanged(() =>
      expect(
        setCustodyPlan({
          familyId: single.family.id,
          actor: s.staff,
          plan: alternate(single.children[0]!.id, single.family.id, single.family.id),
        }),
      ).rejects.toThrow("Noé n'a qu'un foyer"),
    );
    await expectNothingChanged(() =>
      expect(
        setCustodyPlan({ familyId: s.a.family.id, actor: s.staff, plan: alternate(s.child.id, s.a.family.id, c.family.id) }),
      ).rejects.toThrow("Foyer : choisissez l'un des deux foyers de l'enfant."),
    );
    await expectNothingChanged(() =>
      expect(
        setCustodyPlan({ familyId: c.family.id, actor: s.staff, plan: alternate(s.child.id, s.a.family.id, s.b.family.id) }),
      ).rejects.toBeInstanceOf(NotFoundError),
    );
  });
});

describe("reminders of a shared child's days", () => {
  it("« dernier jour demain » goes to the foyer that has the day: to book, to the custody foyer; to cancel, to the booking's foyer", async () => {
    const s = await sharedChild();
    // B books Wednesday 27 (its week 4); A books nothing.
    await requestReservations({
      familyId: s.b.family.id,
      cells: [{ inscriptionId: s.inscription.id, timeUnitId: s.unit.id, day: B_DAYS[1]! }],
      actor: s.actorB,
      now: NOW,
    });
    const mails = (familyId: string) => prisma.emailOutbox.findMany({ where: { familyId, template: "reminder-deadline" } });
    // Sunday 3 January: tomorrow is the J-2 deadline of Wednesday 6, A's day.
    await sendDueReminders(new Date("2027-01-03T12:00:00Z"));
    expect((await mails(s.a.family.id)).map((m) => m.text.includes("mercredi 6 janvier 2027"))).toEqual([true]);
    expect(await mails(s.b.family.id)).toHaveLength(0);
    // Sunday 10: Wednesday 13 is B's — to book, B only.
    await sendDueReminders(new Date("2027-01-10T12:00:00Z"));
    expect(await mails(s.a.family.id)).toHaveLength(1);
    const toB = await mails(s.b.family.id);
    expect(toB).toHaveLength(1);
    expect(toB[0]!.text).toContain("pour réserver");
    expect(toB[0]!.text).toContain("mercredi 13 janvier 2027");
    // Sunday 24: Wednesday 27, booked by B — to cancel, B only.
    await sendDueReminders(new Date("2027-01-24T12:00:00Z"));
    expect(await mails(s.a.family.id)).toHaveLength(1);
    const last = (await mails(s.b.family.id)).find((m) => m.text.includes("27 janvier"))!;
    expect(last.text).toContain("Demain est le dernier jour pour annuler sans être facturé");
  });
});
