import { describe, expect, it } from "vitest";
import * as enums from "@/lib/generated/prisma/enums";
import {
  allowedActions,
  canTransition,
  INSCRIPTION_STATUSES,
  machines,
  RESERVATION_STATUSES,
  statusLabel,
  type ActorKind,
} from "@/lib/workflow/machines";

/**
 * The expected rules, written out independently of lib/workflow/machines.ts:
 * "FROM>TO:ACTORS" (FROM "-" = creation), "!" when the move needs a reason.
 * Every pair and actor not listed is refused (canTransition is a lookup in
 * these rules, so comparing the rules is the whole test).
 */
const EXPECTED: Record<string, string[]> = {
  USER_ACCOUNT: ["->ACTIVE:STAFF,SYSTEM", "ACTIVE>DEACTIVATED:STAFF!", "DEACTIVATED>ACTIVE:STAFF!"],
  CHILD: ["->PENDING:PARENT", "->VALIDATED:STAFF,SYSTEM", "PENDING>VALIDATED:STAFF", "PENDING>REFUSED:STAFF!"],
  ACCOUNT_REQUEST: ["->PENDING:VISITOR", "PENDING>VALIDATED:STAFF", "PENDING>REFUSED:STAFF!"],
  CHANGE_REQUEST: ["->PENDING:PARENT", "PENDING>VALIDATED:STAFF", "PENDING>REFUSED:STAFF!"],
  INSCRIPTION: [
    "->PENDING:PARENT,STAFF",
    "->WAITLISTED:PARENT,STAFF",
    "->VALIDATED:SYSTEM,STAFF",
    "PENDING>VALIDATED:STAFF,SYSTEM",
    "PENDING>WAITLISTED:STAFF,SYSTEM",
    "PENDING>REFUSED:STAFF!",
    "PENDING>WITHDRAWN:PARENT",
    "WAITLISTED>VALIDATED:STAFF,SYSTEM",
    "WAITLISTED>REFUSED:STAFF!",
    "WAITLISTED>WITHDRAWN:PARENT",
    "VALIDATED>CANCELLED:STAFF!",
  ],
  RESERVATION: [
    "->REQUESTED:PARENT,STAFF",
    "->RESERVED:SYSTEM,STAFF",
    "->WAITLISTED:SYSTEM,STAFF",
    "REQUESTED>RESERVED:STAFF,SYSTEM",
    "REQUESTED>WAITLISTED:STAFF,SYSTEM",
    "REQUESTED>REFUSED:STAFF!",
    "REQUESTED>WITHDRAWN:PARENT",
    "WAITLISTED>RESERVED:STAFF,SYSTEM",
    "WAITLISTED>REQUESTED:SYSTEM",
    "WAITLISTED>REFUSED:STAFF!",
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
    "RESERVED>ABSENT_EXCUSED:STAFF!",
    "RESERVED>PRESENT:STAFF",
    "RESERVED>ABSENT_BILLED:STAFF",
    "PRESENT>ABSENT_BILLED:STAFF!",
    "ABSENT_BILLED>PRESENT:STAFF!",
    "ABSENT_BILLED>ABSENT_EXCUSED:STAFF!",
    "CANCELLATION_REQUESTED>PRESENT:STAFF",
    "PRESENT>ABSENT_EXCUSED:STAFF!",
    "ABSENT_EXCUSED>PRESENT:STAFF!",
    "ABSENT_EXCUSED>ABSENT_BILLED:STAFF!",
    "REQUESTED>CANCELLED:STAFF!",
    "WAITLISTED>CANCELLED:STAFF!",
    "RESERVED>CANCELLED:STAFF!",
    "CANCELLATION_REQUESTED>CANCELLED:STAFF!",
    "PRESENT>CANCELLED:STAFF!",
    "ABSENT_BILLED>CANCELLED:STAFF!",
    "ABSENT_EXCUSED>CANCELLED:STAFF!",
    "PRESENT>INVOICED:SYSTEM,STAFF",
    "ABSENT_BILLED>INVOICED:SYSTEM,STAFF",
    "RESERVED>INVOICED:SYSTEM,STAFF",
  ],
  INVOICE: [
    "->DRAFT:SYSTEM,STAFF",
    "DRAFT>ISSUED:STAFF,SYSTEM",
    "DRAFT>CANCELLED:STAFF!",
    "ISSUED>PARTIALLY_PAID:STAFF,SYSTEM",
    "ISSUED>PAID:STAFF,SYSTEM",
    "ISSUED>CANCELLED:STAFF!",
    "PARTIALLY_PAID>PAID:STAFF,SYSTEM",
  ],
  DOCUMENT: [
    "->RECEIVED:PARENT,STAFF",
    "->PUBLISHED:STAFF",
    "RECEIVED>ACCEPTED:STAFF",
    "RECEIVED>REFUSED:STAFF!",
    "PUBLISHED>UNPUBLISHED:STAFF",
    "UNPUBLISHED>PUBLISHED:STAFF",
    "ACCEPTED>DELETED:SYSTEM!",
    "REFUSED>DELETED:SYSTEM!",
  ],
  MESSAGE_THREAD: [
    "->OPEN:PARENT",
    "->ANSWERED:STAFF",
    "OPEN>ANSWERED:STAFF",
    "ANSWERED>OPEN:PARENT",
    "OPEN>CLOSED:STAFF",
    "ANSWERED>CLOSED:STAFF",
    "CLOSED>OPEN:PARENT",
    "CLOSED>ANSWERED:STAFF",
  ],
  PAYMENT: ["->PENDING:PARENT,SYSTEM", "->SUCCEEDED:STAFF", "PENDING>SUCCEEDED:SYSTEM", "PENDING>FAILED:SYSTEM", "FAILED>SUCCEEDED:SYSTEM"],
};

/** The Prisma enum of each machine's status column: a new database value must be placed in its machine. */
const ENUMS: Record<keyof typeof machines, Record<string, string>> = {
  USER_ACCOUNT: enums.UserStatus,
  CHILD: enums.ChildStatus,
  ACCOUNT_REQUEST: enums.AccountRequestStatus,
  CHANGE_REQUEST: enums.ChangeRequestStatus,
  INSCRIPTION: enums.InscriptionStatus,
  RESERVATION: enums.ReservationStatus,
  INVOICE: enums.InvoiceStatus,
  PAYMENT: enums.PaymentStatus,
  DOCUMENT: enums.DocumentStatus,
  MESSAGE_THREAD: enums.ThreadStatus,
};

const rulesOf = (name: keyof typeof machines) =>
  machines[name].rules
    .map((rule) => `${rule.from ?? "-"}>${rule.to}:${[...rule.by].sort().join(",")}${rule.requiresReason ? "!" : ""}`)
    .sort();
const expectedOf = (name: string) =>
  EXPECTED[name]
    .map((line) => {
      const [pair, actors] = line.split(":");
      const reason = actors.endsWith("!");
      return `${pair}:${actors.replace("!", "").split(",").sort().join(",")}${reason ? "!" : ""}`;
    })
    .sort();

describe("the machines", () => {
  it("every workflow machine of the schema has its machine, and no other", () => {
    expect(Object.keys(machines).sort()).toEqual(Object.values(enums.WorkflowMachine).sort());
  });

  it.each(Object.keys(machines) as (keyof typeof machines)[])(
    "%s: the states are its Prisma enum's, the rules (and their reasons) exactly the expected ones",
    (name) => {
      const machine = machines[name];
      expect([...machine.states].sort()).toEqual(Object.values(ENUMS[name]).sort());
      expect(rulesOf(name)).toEqual(expectedOf(name));
      for (const rule of machine.rules) expect(machine.terminal).not.toContain(rule.from);
      // One French word per status, and every action leads to a state of the machine.
      for (const state of machine.states) expect(statusLabel(name, state as never)).toMatch(/^\p{Lu}/u);
      for (const to of Object.values(machine.actions)) expect(machine.states).toContain(to);
    },
  );

  it("named sets and allowed actions come from the machines", () => {
    for (const set of Object.values(INSCRIPTION_STATUSES)) for (const s of set) expect(machines.INSCRIPTION.states).toContain(s);
    for (const set of Object.values(RESERVATION_STATUSES)) for (const s of set) expect(machines.RESERVATION.states).toContain(s);
    expect(allowedActions("INSCRIPTION", "PENDING", "PARENT")).toMatchObject({ withdraw: true, validate: false, cancel: false });
    expect(allowedActions("INSCRIPTION", "VALIDATED", "STAFF")).toMatchObject({ withdraw: false, validate: false, cancel: true });
    expect(allowedActions("USER_ACCOUNT", "ACTIVE", "STAFF")).toMatchObject({ deactivate: true, reactivate: false });
    expect(canTransition("CHILD", null, "PENDING", "PARENT" satisfies ActorKind)).toBe(true);
  });
});
