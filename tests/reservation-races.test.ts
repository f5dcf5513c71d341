import { ALL_LIEUX } from "@/lib/auth/staff-scope";
/** Races around places, waiting ranks, rules between units and decisions (written by an adversarial review; each must hold). */
import { describe, expect, it } from "vitest";
import { addDays, parisDay } from "@/lib/calendar/paris";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma, staffActor } from "./helpers";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { askCancellation, withdrawReservation } from "@/lib/reservations/change-reservation";
import { acceptReservations, decideCancellations, refuseReservations } from "@/lib/reservations/decide-reservations";
import { cancelInscription } from "@/lib/inscriptions/decide-inscription";
import { setCapacityOverride } from "@/lib/activities/set-capacity-override";
import { actorFromUser } from "@/lib/workflow";

const TODAY = parisDay(new Date());
const d = (day: string) => new Date(`${day}T00:00:00Z`);
const HOLDS = ["REQUESTED", "RESERVED", "CANCELLATION_REQUESTED", "PRESENT", "INVOICED"] as const;

async function world(opts: { automatic?: boolean; capacity?: number; unitCapacityPerGroup?: number | null } = {}) {
  const start = addDays(TODAY, 30);
  return createBookableWorld(prisma, {
    start,
    end: addDays(start, 60),
    weekdays: [1, 2, 3, 4, 5],
    automatic: opts.automatic,
    unitCapacityPerGroup: opts.unitCapacityPerGroup,
    units: [
      { name: "Matin", capacity: opts.capacity ?? 10 },
      { name: "Midi", capacity: opts.capacity ?? 10 },
      { name: "Soir", capacity: opts.capacity ?? 10 },
    ],
  });
}
async function families(w: Awaited<ReturnType<typeof world>>, n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const f = await createFamily(prisma, { lastName: `F${i}`, children: [{ firstName: `C${i}`, birthDate: "2018-01-01", sex: "M" }] });
    const ins = await inscribe(prisma, w, f.family, f.children[0]!.id);
    out.push({ ...f, actor: actorFromUser(f.user), inscription: ins });
  }
  return out;
}
async function overCapacity(w: Awaited<ReturnType<typeof world>>) {
  const rows = await prisma.$queryRaw<{ timeUnitId: string; date: Date; n: number; cap: number }[]>`
    SELECT r."timeUnitId", r."date", count(*)::int n, COALESCE(o."capacity", u."capacity") cap FROM "Reservation" r JOIN "TimeUnit" u ON u.id = r."timeUnitId"
    LEFT JOIN "CapacityOverride" o ON o."timeUnitId" = r."timeUnitId" AND o."date" = r."date"
    WHERE u."activityId" = ${w.activity.id} AND r."status"::text = ANY(${[...HOLDS]}) GROUP BY 1, 2, o."capacity", u."capacity"`;
  return rows.filter((r) => r.n > r.cap);
}
const settle = async <T>(ps: Promise<T>[]) => {
  const r = await Promise.allSettled(ps);
  const errors = r.filter((x) => x.status === "rejected").map((x) => String((x as PromiseRejectedResult).reason?.message ?? x));
  return { r, errors };
};

describe("races", () => {
  it("20 parallel sends of the same cell by one family give exactly one reservation", async () => {
    const w = await world();
    const [f] = await families(w, 1);
    const cell = { inscriptionId: f!.inscription.id, timeUnitId: w.units[0]!.id, day: w.openingDays[3]! };
    const { r, errors } = await settle(
      Array.from({ length: 20 }, () => requestReservations({ familyId: f!.family.id, cells: [cell], actor: f!.actor })),
    );
    expect(await prisma.reservation.count({ where: { inscriptionId: f!.inscription.id } })).toBe(1);
    expect(errors).toEqual([]);
    expect(r.filter((x) => x.status === "fulfilled" && x.value[0]!.outcome === "REQUESTED")).toHaveLength(1);
  });

  it("full slot (AUTOMATIC, capacity 2): parallel cancellations + sends never exceed capacity; ranks unique", async () => {
    const w = await world({ automatic: true, capacity: 2 });
    const fams = await families(w, 14);
    const day = w.openingDays[5]!;
    const unit = w.units[0]!.id;
    const cell = (i: number) => ({ inscriptionId: fams[i]!.inscription.id, timeUnitId: unit, day });
    // two holders
    for (const i of [0, 1]) await requestReservations({ familyId: fams[i]!.family.id, cells: [cell(i)], actor: fams[i]!.actor });
    // three waiting
    for (const i of [2, 3, 4]) await requestReservations({ familyId: fams[i]!.family.id, cells: [cell(i)], actor: fams[i]!.actor });
    const held = await prisma.reservation.findMany({ where: { timeUnitId: unit, date: d(day), status: "RESERVED" } });
    const waiting = await prisma.reservation.findMany({ where: { timeUnitId: unit, date: d(day), status: "WAITLISTED" } });
    const ops: Promise<unknown>[] = [];
    for (const r of held) {
      const f = fams.find((x) => x.inscription.id === r.inscriptionId)!;
      ops.push(askCancellation({ familyId: f.family.id, reservationId: r.id, actor: f.actor }));
    }
    for (const r of waiting.slice(0, 1)) {
      const f = fams.find((x) => x.inscription.id === r.inscriptionId)!;
      ops.push(withdrawReservation({ familyId: f.family.id, reservationId: r.id, actor: f.actor }));
    }
    for (let i = 5; i < 14; i++) ops.push(requestReservations({ familyId: fams[i]!.family.id, cells: [cell(i)], actor: fams[i]!.actor }));
    const { errors } = await settle(ops);
    expect(await overCapacity(w)).toEqual([]);
    const w2 = await prisma.reservation.findMany({
      where: { timeUnitId: unit, date: d(day), status: "WAITLISTED" },
      select: { waitlistRank: true },
    });
    expect(new Set(w2.map((x) => x.waitlistRank)).size).toBe(w2.length);
    expect(w2.every((x) => x.waitlistRank !== null)).toBe(true);
    expect(await prisma.reservation.count({ where: { timeUnitId: unit, date: d(day), status: "RESERVED" } })).toBe(2);
    // The only refusal a race may give: the waiting request withdrawn had just got a freed place.
    expect(errors.filter((e) => !e.startsWith("Cette demande vient d'obtenir une place"))).toEqual([]);
  });

  it("MANUAL, capacity 3: staff refuse/decide cancellations/accept + parents send/withdraw in parallel on several slots: never over capacity, no deadlocks", async () => {
    const w = await world({ capacity: 3 });
    const staff = await staffActor();
    const fams = await families(w, 16);
    const days = w.openingDays.slice(2, 5);
    const units = w.units.map((u) => u.id);
    // initial: each family asks all cells of 3 days x 3 units in one send (lots of waitlisted)
    for (const f of fams.slice(0, 8))
      await requestReservations({
        familyId: f.family.id,
        cells: days.flatMap((day) => units.map((u) => ({ inscriptionId: f.inscription.id, timeUnitId: u, day }))),
        actor: f.actor,
      });
    const req = await prisma.reservation.findMany({
      where: { timeUnitId: { in: units }, status: "REQUESTED" },
      include: { inscription: true },
    });
    await acceptReservations({ ids: req.filter((_, i) => i % 2 === 0).map((r) => r.id), actor: staff });
    const reserved = await prisma.reservation.findMany({
      where: { timeUnitId: { in: units }, status: "RESERVED" },
      include: { inscription: true },
    });
    for (const r of reserved.slice(0, 6)) {
      const f = fams.find((x) => x.inscription.id === r.inscriptionId)!;
      await askCancellation({ familyId: f.family.id, reservationId: r.id, actor: f.actor });
    }
    const all = await prisma.reservation.findMany({ where: { timeUnitId: { in: units } }, include: { inscription: true } });
    const ops: Promise<unknown>[] = [];
    const by = (s: string) => all.filter((r) => r.status === s);
    ops.push(
      refuseReservations({
        ids: by("REQUESTED")
          .slice(0, 4)
          .map((r) => r.id),
        reason: "non",
        actor: staff,
      }),
    );
    ops.push(
      decideCancellations({
        decisions: by("CANCELLATION_REQUESTED").map((r) => ({ id: r.id, decision: "EXCUSED" as const })),
        reason: "ok",
        actor: staff,
      }),
    );
    ops.push(
      acceptReservations({
        ids: [
          ...by("WAITLISTED").map((r) => r.id),
          ...by("REQUESTED")
            .slice(4)
            .map((r) => r.id),
        ],
        actor: staff,
      }),
    );
    for (const r of by("WAITLISTED").slice(0, 5)) {
      const f = fams.find((x) => x.inscription.id === r.inscriptionId)!;
      ops.push(withdrawReservation({ familyId: f.family.id, reservationId: r.id, actor: f.actor }));
    }
    for (const f of fams.slice(8))
      ops.push(
        requestReservations({
          familyId: f.family.id,
          cells: [...days]
            .reverse()
            .flatMap((day) => [...units].reverse().map((u) => ({ inscriptionId: f.inscription.id, timeUnitId: u, day }))),
          actor: f.actor,
        }),
      );
    for (const day of days)
      ops.push(
        setCapacityOverride({ timeUnitId: units[0]!, date: day, capacity: 4 }, new Date(), ALL_LIEUX).catch((e) => {
          if (!/Places/.test(e.message)) throw e;
        }),
      );
    const { errors } = await settle(ops);
    expect(await overCapacity(w)).toEqual([]);
    expect(errors.filter((e) => /deadlock|inattendue|Transaction|P20/i.test(e))).toEqual([]);
  });

  it("parallel withdraw + accept / withdraw + refuse of the same request: one wins, the other is told; consistent log", async () => {
    const w = await world({ capacity: 5 });
    const staff = await staffActor();
    const fams = await families(w, 10);
    for (const [i, f] of fams.entries()) {
      const day = w.openingDays[i]!;
      const [o] = await requestReservations({
        familyId: f.family.id,
        cells: [{ inscriptionId: f.inscription.id, timeUnitId: w.units[0]!.id, day }],
        actor: f.actor,
      });
      expect(o!.outcome).toBe("REQUESTED");
      const r = await prisma.reservation.findFirstOrThrow({ where: { inscriptionId: f.inscription.id } });
      const staffOp =
        i % 2 ? acceptReservations({ ids: [r.id], actor: staff }) : refuseReservations({ ids: [r.id], reason: "x", actor: staff });
      const [withdrawn, decided] = await Promise.allSettled([
        withdrawReservation({ familyId: f.family.id, reservationId: r.id, actor: f.actor }),
        staffOp,
      ]);
      const after = await prisma.reservation.findUniqueOrThrow({ where: { id: r.id } });
      const logs = await prisma.transitionLog.findMany({ where: { entityId: r.id }, orderBy: { createdAt: "asc" } });
      // The staff decision reports a request changed meanwhile instead of deciding it; the parent is told by an error.
      const staffWon = decided.status === "fulfilled" && decided.value.done.length === 1;
      expect(staffWon).toBe(withdrawn.status === "rejected");
      if (!staffWon)
        expect(decided.status === "fulfilled" && decided.value.notDone[0]!.message).toMatch(/a changé entre-temps \(retirée\)/);
      expect(logs.at(-1)!.toStatus).toBe(after.status);
      expect(logs).toHaveLength(2);
    }
  });

  it("cancelInscription racing sends: no open reservation in a cancelled inscription", async () => {
    const w = await world();
    const staff = await staffActor();
    const fams = await families(w, 10);
    for (const f of fams) {
      const cells = w.openingDays.slice(0, 20).map((day) => ({ inscriptionId: f.inscription.id, timeUnitId: w.units[1]!.id, day }));
      await Promise.allSettled([
        requestReservations({ familyId: f.family.id, cells, actor: f.actor }),
        cancelInscription({ id: f.inscription.id, reason: "fin", actor: staff }),
        requestReservations({ familyId: f.family.id, cells: cells.slice(0, 3), actor: f.actor }),
      ]);
    }
    // This world's inscriptions only (other tests leave cancelled inscriptions of their own on purpose).
    const bad = await prisma.reservation.count({
      where: {
        inscription: { status: "CANCELLED", activityId: w.activity.id },
        status: { in: ["REQUESTED", "WAITLISTED", "RESERVED", "CANCELLATION_REQUESTED"] },
      },
    });
    expect(bad).toBe(0);
  });

  it("staff accepting a WITHDRAWN or REFUSED request does not book it", async () => {
    const w = await world();
    const staff = await staffActor();
    const [f] = await families(w, 1);
    const mk = async (status: "WITHDRAWN" | "REFUSED", i: number) =>
      prisma.reservation.create({
        data: { inscriptionId: f!.inscription.id, timeUnitId: w.units[0]!.id, date: d(w.openingDays[i]!), status },
      });
    for (const [i, s] of (["WITHDRAWN", "REFUSED"] as const).entries()) {
      const r = await mk(s, i);
      expect(await acceptReservations({ ids: [r.id], actor: staff })).toMatchObject({
        done: [],
        notDone: [{ id: r.id, message: expect.stringContaining("a changé entre-temps") }],
      });
      expect(await decideCancellations({ decisions: [{ id: r.id, decision: "BILLED" }], reason: "x", actor: staff })).toMatchObject({
        done: [],
        notDone: [{ id: r.id }],
      });
      expect((await prisma.reservation.findUniqueOrThrow({ where: { id: r.id } })).status).toBe(s);
    }
  });

  it("rules race: Soir REQUIRES Matin or Midi; child holds all three; cancelling Matin and Midi in parallel must not leave Soir alone", async () => {
    const w = await world({ automatic: true });
    const [matin, midi, soir] = w.units;
    await prisma.timeUnitRule.createMany({
      data: [
        { kind: "REQUIRES", unitId: soir!.id, otherUnitId: matin!.id },
        { kind: "REQUIRES", unitId: soir!.id, otherUnitId: midi!.id },
      ],
    });
    const [f] = await families(w, 1);
    let orphans = 0;
    for (const day of w.openingDays.slice(0, 15)) {
      await requestReservations({
        familyId: f!.family.id,
        cells: [matin!, midi!, soir!].map((u) => ({ inscriptionId: f!.inscription.id, timeUnitId: u.id, day })),
        actor: f!.actor,
      });
      const rows = await prisma.reservation.findMany({ where: { inscriptionId: f!.inscription.id, date: d(day) } });
      const id = (u: string) => rows.find((r) => r.timeUnitId === u)!.id;
      await Promise.allSettled(
        [id(matin!.id), id(midi!.id)].map((reservationId) => askCancellation({ familyId: f!.family.id, reservationId, actor: f!.actor })),
      );
      const left = await prisma.reservation.findMany({ where: { inscriptionId: f!.inscription.id, date: d(day), status: "RESERVED" } });
      if (left.length === 1 && left[0]!.timeUnitId === soir!.id) orphans++;
    }

    expect(orphans).toBe(0);
  });

  it("rules race: send Soir while cancelling its required Matin", async () => {
    const w = await world({ automatic: true });
    const [matin, , soir] = w.units;
    await prisma.timeUnitRule.create({ data: { kind: "REQUIRES", unitId: soir!.id, otherUnitId: matin!.id } });
    const [f] = await families(w, 1);
    let orphans = 0;
    for (const day of w.openingDays.slice(0, 15)) {
      await requestReservations({
        familyId: f!.family.id,
        cells: [{ inscriptionId: f!.inscription.id, timeUnitId: matin!.id, day }],
        actor: f!.actor,
      });
      const m = await prisma.reservation.findFirstOrThrow({
        where: { inscriptionId: f!.inscription.id, date: d(day), timeUnitId: matin!.id },
      });
      await Promise.allSettled([
        askCancellation({ familyId: f!.family.id, reservationId: m.id, actor: f!.actor }),
        requestReservations({
          familyId: f!.family.id,
          cells: [{ inscriptionId: f!.inscription.id, timeUnitId: soir!.id, day }],
          actor: f!.actor,
        }),
      ]);
      const left = await prisma.reservation.findMany({ where: { inscriptionId: f!.inscription.id, date: d(day), status: "RESERVED" } });
      if (left.length === 1 && left[0]!.timeUnitId === soir!.id) orphans++;
    }

    expect(orphans).toBe(0);
  });
});
