import { describe, expect, it } from "vitest";
import { generateMonth, lockMonthBilling } from "@/lib/billing/generate-month";
import { listUndecidedCancellations } from "@/lib/billing/list-undecided-cancellations";
import { decideCancellations } from "@/lib/reservations/decide-reservations";
import { ALL_LIEUX } from "@/lib/auth/staff-scope";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { expectNothingChanged, prisma, staffActor } from "./helpers";

// A DA still undecided when the month is billed (issue 24): listed, and the month cannot be closed over it.
describe("undecided cancellation requests (DA) of a billed month", () => {
  it("are listed with family, child and day, are left off the invoice, and refuse the close until decided", async () => {
    const w = await createBookableWorld(prisma, {
      start: "2027-01-04",
      end: "2027-01-31",
      weekdays: [3],
      units: [{ name: "Matin", capacity: 50, prices: [400, 600, 800, 1000] }],
    });
    const f = await createFamily(prisma, {
      lastName: "Dalmas",
      quotientFamilial: 600,
      children: [{ firstName: "Inès", birthDate: "2018-03-02", sex: "F" }],
    });
    const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
    const unit = w.units[0]!;
    const cell = (day: string, status: "PRESENT" | "CANCELLATION_REQUESTED") =>
      prisma.reservation.create({
        data: { inscriptionId: inscription.id, timeUnitId: unit.id, date: new Date(`${day}T00:00:00Z`), status },
      });
    await cell("2027-01-06", "PRESENT");
    const da = await cell("2027-01-20", "CANCELLATION_REQUESTED");
    // A DA of the next month is not this month's business.
    await cell("2027-02-03", "CANCELLATION_REQUESTED");
    const staff = await staffActor();
    const now = new Date("2027-02-01T09:00:00Z");

    expect(await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now })).toMatchObject({ totalCents: 600 });
    const listed = await listUndecidedCancellations({ structureId: w.structure.id, month: "2027-01", scope: ALL_LIEUX });
    expect(listed).toEqual([
      {
        id: da.id,
        day: "2027-01-20",
        unit: "Matin",
        activity: w.activity.name,
        family: { id: f.family.id, name: f.family.name },
        child: "Inès Dalmas",
      },
    ]);
    // Another lieu's staff do not see them (ADR 029).
    await expect(
      listUndecidedCancellations({ structureId: w.structure.id, month: "2027-01", scope: { structureIds: ["autre-lieu"] } }),
    ).rejects.toThrow("Élément introuvable.");

    await expectNothingChanged(() =>
      expect(lockMonthBilling({ structureId: w.structure.id, month: "2027-01", actor: staff })).rejects.toThrow(
        "Clôture impossible : 1 demande d'annulation de janvier 2027 n'est pas décidée. Décidez-la (absence excusée ou facturée) dans « Demandes de réservation », puis générez le mois à nouveau et clôturez-le.",
      ),
    );

    // Decided « facturée » (asked too late), the next generation bills it in a complementary invoice; then the month closes.
    await decideCancellations({ decisions: [{ id: da.id, decision: "BILLED" }], reason: "Demandée hors délai", actor: staff, now });
    expect(await listUndecidedCancellations({ structureId: w.structure.id, month: "2027-01", scope: ALL_LIEUX })).toEqual([]);
    expect(await generateMonth({ structureId: w.structure.id, month: "2027-01", actor: staff, now })).toMatchObject({
      invoices: 1,
      totalCents: 600,
    });
    await lockMonthBilling({ structureId: w.structure.id, month: "2027-01", actor: staff });
    const closed = await prisma.billingMonth.findFirstOrThrow({ where: { structureId: w.structure.id } });
    expect(closed.lockedAt).not.toBeNull();
  });
});
