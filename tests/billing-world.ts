import { generateMonth, issueMonth } from "@/lib/billing/generate-month";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";

export const BILLED_AT = new Date("2027-03-01T09:00:00Z");

/** A family with two issued invoices (January 1 200, February 600, in cents), due on 15 March 2027. */
export async function billedFamily(name = "Payeur", options: { dueDate?: string } = {}) {
  const w = await createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-02-28",
    weekdays: [3],
    units: [{ name: "Matin", capacity: 20, prices: [400, 600, 800, 1000] }],
  });
  const f = await createFamily(prisma, {
    lastName: name,
    quotientFamilial: 600,
    children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }],
  });
  const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id);
  for (const day of ["2027-01-06", "2027-01-13", "2027-02-03"]) {
    await prisma.reservation.create({
      data: { inscriptionId: inscription.id, timeUnitId: w.units[0]!.id, date: new Date(`${day}T00:00:00Z`), status: "PRESENT" },
    });
  }
  const staff = await staffActor();
  for (const month of ["2027-01", "2027-02"]) {
    await generateMonth({ structureId: w.structure.id, month, actor: staff, now: BILLED_AT });
    await issueMonth({ structureId: w.structure.id, month, dueDate: options.dueDate ?? "2027-03-15", actor: staff });
  }
  const invoices = await prisma.invoice.findMany({ where: { familyId: f.family.id }, orderBy: { number: "asc" } });
  return { ...f, w, inscription, invoices, staff, actor: actorFromUser(f.user) };
}

export type BilledFamily = Awaited<ReturnType<typeof billedFamily>>;
