import { describe, expect, it } from "vitest";
import { generateMonth } from "@/lib/billing/generate-month";
import { setQuotient } from "@/lib/billing/set-quotient";
import { previewPeriod, sendPeriod } from "@/lib/reservations/reserve-period";
import { getMonthCalendar } from "@/lib/reservations/get-month-calendar";
import { acceptReservations } from "@/lib/reservations/decide-reservations";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

// Issue 24: the période preview prices each day as the invoice will (the quotient in force that day, dayPricer).
describe("« Réservations sur période » and the calendar's cells: the amount shown is the invoice's", () => {
  it("when the quotient familial changes inside the période", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 50, prices: [400, 600, 800, 1000] }], // brackets 0–500 / 501–800 / 801–1200 / 1201+
    });
    const f = await createFamily(prisma, {
      lastName: "Quotient",
      quotientFamilial: 600,
      children: [{ firstName: "Maël", birthDate: "2018-03-02", sex: "M" }],
    });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    // Accepted by staff in December, from 15 January: 600 → 1300 (today's quotient is 1300).
    await prisma.$transaction((tx) => setQuotient(tx, f.family.id, { quotientFamilial: 1300, cafNumber: "7654321" }, "2027-01-15"));
    const now = new Date("2026-12-01T09:00:00Z");
    const request = {
      familyId: f.family.id,
      inscriptionId: inscription.id,
      startDate: "2027-01-04",
      endDate: "2027-01-31",
      weekType: "ALL" as const,
      slots: [`3:${w.units[0]!.id}`],
      now,
    };

    const preview = await previewPeriod(request);
    expect(preview.cells.map((c) => [c.day, c.priceCents])).toEqual([
      ["2027-01-06", 600],
      ["2027-01-13", 600],
      ["2027-01-20", 1000],
      ["2027-01-27", 1000],
    ]);
    expect(preview.totalCents).toBe(3200);
    // The calendar's cells say the same prices, day by day (not today's quotient for the whole month).
    const calendar = await getMonthCalendar({ familyId: f.family.id, inscriptionId: inscription.id, month: "2027-01", now });
    expect(calendar!.days.map((d) => [d.day, d.lanes[0]!.prices[0]])).toEqual(preview.cells.map((c) => [c.day, c.priceCents]));

    await sendPeriod({ ...request, actor: actorFromUser(f.user) });
    const asked = await prisma.reservation.findMany({ where: { inscriptionId: inscription.id }, select: { id: true } });
    expect(asked).toHaveLength(4);
    const staff = await staffActor();
    await acceptReservations({ ids: asked.map((r) => r.id), actor: staff, now });
    await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now: new Date("2027-02-01T09:00:00Z") });
    const invoice = await prisma.invoice.findFirstOrThrow({ where: { familyId: f.family.id } });
    expect(invoice.totalCents).toBe(preview.totalCents);
  });
});
