/** The turn of a slot in one process (ADR 045): waiting sends hold no connection, in arrival order, bounded. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { addDays, parisDay } from "@/lib/calendar/paris";
import { ServiceUnavailableError } from "@/lib/errors";
import { inSlotTurn, SLOT_QUEUE, slotTurnState } from "@/lib/reservations/slot-queue";
import { requestReservations } from "@/lib/reservations/request-reservations";
import { actorFromUser } from "@/lib/workflow";
import { createBookableWorld, createFamily, inscribe } from "@/prisma/factories";
import { prisma } from "./helpers";

const slot = (n: number) => ({ timeUnitId: `unit-${n}`, day: "2030-01-07" });

/** A send that runs until it is told to finish. */
function held() {
  let finish!: (ok: boolean) => void;
  const done = new Promise<void>((resolve, reject) => (finish = (ok) => (ok ? resolve() : reject(new Error("échec")))));
  return { done, finish };
}

afterEach(() => vi.useRealTimers());

describe("inSlotTurn", () => {
  it("lets SLOT_QUEUE.inFlight sends of one slot run at once, the others in arrival order; another slot does not wait", async () => {
    const started: number[] = [];
    const sends = [...Array(SLOT_QUEUE.inFlight + 3).keys()].map((i) => {
      const h = held();
      return { ...h, result: inSlotTurn([slot(1)], () => (started.push(i), h.done.then(() => i))) };
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([...Array(SLOT_QUEUE.inFlight).keys()]);
    expect(slotTurnState(slot(1))).toEqual({ running: SLOT_QUEUE.inFlight, waiting: 3 });
    // Another slot runs at once, and a send of both slots waits for the first one's turn.
    expect(await inSlotTurn([slot(2)], async () => "autre")).toBe("autre");
    let both = false;
    const bothSlots = inSlotTurn([slot(2), slot(1)], async () => (both = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(both).toBe(false);
    // A send that fails hands its turn on like one that succeeds.
    sends[1]!.finish(false);
    await expect(sends[1]!.result).rejects.toThrow("échec");
    sends[0]!.finish(true);
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([...Array(SLOT_QUEUE.inFlight + 2).keys()]);
    for (const s of sends) s.finish(true);
    expect(await Promise.all(sends.slice(2).map((s) => s.result))).toEqual([...Array(SLOT_QUEUE.inFlight + 1).keys()].map((i) => i + 2));
    await bothSlots;
    expect(both).toBe(true);
    expect(slotTurnState(slot(1))).toEqual({ running: 0, waiting: 0 });
    expect(slotTurnState(slot(2))).toEqual({ running: 0, waiting: 0 });
  });

  it("a send that waits longer than SLOT_QUEUE.waitMs is « très sollicité » and never runs; the queue goes on", async () => {
    vi.useFakeTimers();
    const running = [...Array(SLOT_QUEUE.inFlight).keys()].map(() => {
      const h = held();
      return { ...h, result: inSlotTurn([slot(3)], () => h.done) };
    });
    let ran = false;
    const late = inSlotTurn([slot(3)], async () => (ran = true));
    const caught = late.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(SLOT_QUEUE.waitMs + 1);
    const error = await caught;
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as Error).message).toBe("Le service est très sollicité : réessayez dans un instant.");
    expect(ran).toBe(false);
    expect(slotTurnState(slot(3))).toEqual({ running: SLOT_QUEUE.inFlight, waiting: 0 });
    for (const r of running) r.finish(true);
    await Promise.all(running.map((r) => r.result));
    expect(await inSlotTurn([slot(3)], async () => "après")).toBe("après");
    expect(slotTurnState(slot(3))).toEqual({ running: 0, waiting: 0 });
  });

  it("a rush of parents on one slot: queued in the process, never over the places, ranks 1…n, the queue empty afterwards", async () => {
    const start = addDays(parisDay(new Date()), 30);
    const w = await createBookableWorld(prisma, {
      start,
      end: addDays(start, 30),
      weekdays: [1, 2, 3, 4, 5],
      automatic: true,
      units: [{ name: "Journée", capacity: 4 }],
    });
    const families = await Promise.all(
      [...Array(24).keys()].map(async (i) => {
        const f = await createFamily(prisma, {
          lastName: `File${i}`,
          children: [{ firstName: "Enfant", birthDate: "2018-01-01", sex: "F" }],
        });
        return { f, inscription: await inscribe(prisma, w, f.family, f.children[0]!.id) };
      }),
    );
    const cellSlot = { timeUnitId: w.units[0]!.id, day: w.openingDays[0]! };
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, slotTurnState(cellSlot).running)), 1);
    const outcomes = await Promise.all(
      families.map(({ f, inscription }) =>
        requestReservations({
          familyId: f.family.id,
          actor: actorFromUser(f.user),
          cells: [{ inscriptionId: inscription.id, ...cellSlot }],
        }),
      ),
    );
    clearInterval(watch);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(SLOT_QUEUE.inFlight);
    expect(slotTurnState(cellSlot)).toEqual({ running: 0, waiting: 0 });
    const kinds = outcomes.map((o) => o[0]!.outcome);
    expect(kinds.filter((k) => k === "RESERVED")).toHaveLength(4);
    expect(kinds.filter((k) => k === "WAITLISTED")).toHaveLength(20);
    const ranks = await prisma.reservation.findMany({
      where: { timeUnitId: cellSlot.timeUnitId, status: "WAITLISTED" },
      select: { waitlistRank: true },
      orderBy: { waitlistRank: "asc" },
    });
    expect(ranks.map((r) => r.waitlistRank)).toEqual([...Array(20).keys()].map((i) => i + 1));
    // Every parent has her receipt: 24 sends, 24 e-mails.
    expect(
      await prisma.emailOutbox.count({
        where: { familyId: { in: families.map(({ f }) => f.family.id) }, template: "reservation-receipt" },
      }),
    ).toBe(24);
  });
});
