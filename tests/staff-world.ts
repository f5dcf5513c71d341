import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { actorFromUser } from "@/lib/workflow";
import { prisma } from "./helpers";

/** The world of the staff-side tests: Wednesdays of early 2027, a small « Matin » and a larger « Après-midi ». */
export const DAY = "2027-01-06";
/** During the day itself (the pointage is taken then). */
export const ON_THE_DAY = new Date("2027-01-06T16:00:00Z");

export async function staffWorld(options: Partial<Parameters<typeof createBookableWorld>[1]> = {}) {
  return createBookableWorld(prisma, {
    start: "2027-01-04",
    end: "2027-03-31",
    weekdays: [3],
    units: [
      { name: "Matin", capacity: 2, start: "08:30", end: "12:00" },
      { name: "Après-midi", capacity: 10, start: "13:30", end: "17:30" },
    ],
    cancellationDeadline: "J-2 10:00",
    ...options,
  });
}

/** A family of one child named `name`, inscribed in the world (validated unless said), with optional health data. */
export async function parentIn(
  w: Awaited<ReturnType<typeof staffWorld>>,
  name: string,
  options: { health?: Record<string, unknown>; status?: Parameters<typeof inscribe>[4] } = {},
) {
  const f = await createFamily(prisma, { lastName: name, children: [{ firstName: name, birthDate: "2018-03-02", sex: "F" }] });
  if (options.health) await prisma.child.update({ where: { id: f.children[0]!.id }, data: options.health });
  const inscription = await inscribe(prisma, w, f.family, f.children[0]!.id, options.status ?? "VALIDATED");
  return { ...f, inscription, actor: actorFromUser(f.user) };
}
