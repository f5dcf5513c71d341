import "server-only";
import { DATABASE_LIMITS } from "@/lib/db";
import { ServiceUnavailableError } from "@/lib/errors";
import { slotKey, type Slot } from "@/lib/locks";
import { noteDatabaseUnavailable } from "@/lib/request-faults";

/*
 * The turn of a slot, in this process (ADR 045). On an opening morning hundreds of parents send at once for the
 * same slot; each send's transaction takes a connection of the pool, then waits for the slot's lock (lib/locks.ts,
 * n° 7) holding it — ten such sends and the pool is full of connections doing nothing, while every other request of
 * the process (the next parents' sessions, the pages) waits for one until DATABASE_LIMITS.acquireMs passes:
 * « service très sollicité ». So a send first waits here, in memory, holding no connection: at most `inFlight`
 * sends of one slot run at once in the process (enough for the next ones to prepare while one holds the lock), the
 * others queue in arrival order.
 *
 * An optimisation, never the guarantee: the slot's advisory lock, taken in the transaction, is what serialises the
 * places, across processes and servers sharing the database. Without this queue (another process, another server,
 * a script) the result is the same, only slower under a rush.
 */
export const SLOT_QUEUE = {
  /** Sends of one slot holding a connection at once in this process: half the pool, the rest for everyone else. */
  inFlight: Math.max(1, Math.floor(DATABASE_LIMITS.poolSize / 2)),
  waitMs: DATABASE_LIMITS.slotQueueMs,
} as const;

interface Turn {
  running: number;
  waiting: { admit: () => void }[];
}

const turns = new Map<string, Turn>();

function enter(key: string, deadline: number): Promise<void> | void {
  let turn = turns.get(key);
  if (!turn) turns.set(key, (turn = { running: 0, waiting: [] }));
  if (turn.running < SLOT_QUEUE.inFlight && turn.waiting.length === 0) {
    turn.running += 1;
    return;
  }
  const queue = turn;
  return new Promise<void>((resolve, reject) => {
    const waiter = {
      admit: () => {
        clearTimeout(timer);
        resolve();
      },
    };
    const timer = setTimeout(
      () => {
        queue.waiting.splice(queue.waiting.indexOf(waiter), 1);
        noteDatabaseUnavailable();
        reject(new ServiceUnavailableError("SATURATED", new Error(`file du créneau ${key} : plus de ${SLOT_QUEUE.waitMs} ms`)));
      },
      Math.max(0, deadline - Date.now()),
    );
    queue.waiting.push(waiter);
  });
}

function leave(key: string): void {
  const turn = turns.get(key)!;
  const next = turn.waiting.shift();
  // The place passes to the next in line (running stays the same), or is given back.
  if (next) next.admit();
  else if (--turn.running === 0) turns.delete(key);
}

/**
 * Runs `send` once it is this send's turn for every one of its slots (taken in the order of their keys, as their
 * locks are: two sends sharing slots never wait for each other in a circle). A wait longer than SLOT_QUEUE.waitMs
 * is « Le service est très sollicité » and nothing is run.
 */
export async function inSlotTurn<T>(slots: Slot[], send: () => Promise<T>): Promise<T> {
  const keys = [...new Set(slots.map(slotKey))].sort();
  const deadline = Date.now() + SLOT_QUEUE.waitMs;
  const entered: string[] = [];
  try {
    for (const key of keys) {
      await enter(key, deadline);
      entered.push(key);
    }
    return await send();
  } finally {
    for (const key of entered.reverse()) leave(key);
  }
}

/** Sends of this process running or waiting for a slot (tests). */
export function slotTurnState(slot: Slot): { running: number; waiting: number } {
  const turn = turns.get(slotKey(slot));
  return { running: turn?.running ?? 0, waiting: turn?.waiting.length ?? 0 };
}
