import { describe, expect, it } from "vitest";
import { canTransition, machines, type ActorKind } from "@/lib/workflow/machines";

/**
 * The expected rules, written out independently of lib/workflow/machines.ts:
 * "FROM>TO:ACTORS" (FROM "-" = creation). Every pair and actor not listed must
 * be refused.
 */
const EXPECTED: Record<string, string[]> = {
  USER_ACCOUNT: ["->ACTIVE:STAFF,SYSTEM", "ACTIVE>DEACTIVATED:STAFF", "DEACTIVATED>ACTIVE:STAFF"],
  ACCOUNT_REQUEST: ["->PENDING:VISITOR", "PENDING>VALIDATED:STAFF", "PENDING>REFUSED:STAFF"],
  CHANGE_REQUEST: ["->PENDING:PARENT", "PENDING>ACCEPTED:STAFF", "PENDING>REFUSED:STAFF"],
  INSCRIPTION: [
    "->PENDING:PARENT,STAFF",
    "->WAITLISTED:PARENT,STAFF",
    "->VALIDATED:SYSTEM,STAFF",
    "PENDING>VALIDATED:STAFF,SYSTEM",
    "PENDING>WAITLISTED:STAFF,SYSTEM",
    "PENDING>REFUSED:STAFF",
    "PENDING>WITHDRAWN:PARENT",
    "WAITLISTED>VALIDATED:STAFF,SYSTEM",
    "WAITLISTED>REFUSED:STAFF",
    "WAITLISTED>WITHDRAWN:PARENT",
    "VALIDATED>CANCELLED:STAFF",
  ],
  RESERVATION: [
    "->REQUESTED:PARENT,STAFF",
    "->RESERVED:SYSTEM,STAFF",
    "->WAITLISTED:SYSTEM,STAFF",
    "REQUESTED>RESERVED:STAFF,SYSTEM",
    "REQUESTED>WAITLISTED:STAFF,SYSTEM",
    "REQUESTED>REFUSED:STAFF",
    "REQUESTED>WITHDRAWN:PARENT",
    "WAITLISTED>RESERVED:STAFF,SYSTEM",
    "WAITLISTED>REFUSED:STAFF",
    "WAITLISTED>WITHDRAWN:PARENT",
    "REFUSED>REQUESTED:PARENT,STAFF",
    "WITHDRAWN>REQUESTED:PARENT,STAFF",
    "REFUSED>RESERVED:SYSTEM,STAFF",
    "WITHDRAWN>RESERVED:SYSTEM,STAFF",
    "REFUSED>WAITLISTED:SYSTEM,STAFF",
    "WITHDRAWN>WAITLISTED:SYSTEM,STAFF",
    "RESERVED>CANCELLATION_REQUESTED:PARENT",
    "CANCELLATION_REQUESTED>RESERVED:PARENT,STAFF",
    "CANCELLATION_REQUESTED>ABSENT_EXCUSED:STAFF,SYSTEM",
    "CANCELLATION_REQUESTED>ABSENT_BILLED:STAFF,SYSTEM",
    "RESERVED>ABSENT_EXCUSED:STAFF",
    "RESERVED>PRESENT:STAFF",
    "RESERVED>ABSENT_BILLED:STAFF",
    "PRESENT>ABSENT_BILLED:STAFF",
    "ABSENT_BILLED>PRESENT:STAFF",
    "ABSENT_BILLED>ABSENT_EXCUSED:STAFF",
    "PRESENT>INVOICED:SYSTEM,STAFF",
    "ABSENT_BILLED>INVOICED:SYSTEM,STAFF",
    "RESERVED>INVOICED:SYSTEM,STAFF",
  ],
  INVOICE: [
    "->DRAFT:SYSTEM,STAFF",
    "DRAFT>ISSUED:STAFF,SYSTEM",
    "DRAFT>CANCELLED:STAFF",
    "ISSUED>PARTIALLY_PAID:STAFF,SYSTEM",
    "ISSUED>PAID:STAFF,SYSTEM",
    "ISSUED>CANCELLED:STAFF",
    "PARTIALLY_PAID>PAID:STAFF,SYSTEM",
  ],
};

const ACTORS: ActorKind[] = ["VISITOR", "PARENT", "STAFF", "SYSTEM"];

function expectedSet(machine: string): Set<string> {
  const set = new Set<string>();
  for (const line of EXPECTED[machine]) {
    const [pair, actors] = line.split(":");
    for (const actor of actors.split(",")) set.add(`${pair}:${actor}`);
  }
  return set;
}

describe.each(Object.keys(machines) as (keyof typeof machines)[])("machine %s", (name) => {
  const machine = machines[name];
  const allowed = expectedSet(name);
  const cases: [string, string, ActorKind, boolean][] = [];
  for (const from of [null, ...machine.states]) {
    for (const to of machine.states) {
      for (const actor of ACTORS) {
        const key = `${from === null ? "-" : from}>${to}:${actor}`;
        cases.push([from ?? "(création)", to, actor, allowed.has(key)]);
      }
    }
  }

  it("covers exactly the expected rules", () => {
    const actual = new Set<string>();
    for (const rule of machine.rules) for (const actor of rule.by) actual.add(`${rule.from ?? "-"}>${rule.to}:${actor}`);
    expect([...actual].sort()).toEqual([...allowed].sort());
  });

  it.each(cases)("%s → %s par %s : autorisé = %s", (from, to, actor, expected) => {
    const source = from === "(création)" ? null : from;
    expect(canTransition(name, source as never, to as never, actor)).toBe(expected);
  });

  it("has no rule leaving a terminal state", () => {
    for (const rule of machine.rules) expect(machine.terminal).not.toContain(rule.from);
  });
});
