import { describe, expect, it } from "vitest";
import * as enums from "@/lib/generated/prisma/enums";
import {
  ACCOUNT_REQUEST_STATUSES,
  allowedActions,
  BILLING_RUN_STATUSES,
  canTransition,
  CHILD_STATUSES,
  DOCUMENT_STATUSES,
  EMAIL_STATUSES,
  INSCRIPTION_STATUSES,
  INVOICE_STATUSES,
  machines,
  PAYMENT_STATUSES,
  RESERVATION_STATUSES,
  STAND_IN_SESSION_STATUSES,
  statusLabel,
  THREAD_STATUSES,
  USER_STATUSES,
  type ActorKind,
} from "@/lib/workflow/machines";

/**
 * The expected rules, written out independently of lib/workflow/machines.ts:
 * "FROM>TO:ACTORS" (FROM "-" = creation), "!" when the move needs a reason.
 * Every pair and actor not listed is refused (canTransition is a lookup in
 * these rules, so comparing the rules is the whole test).
 */
const EXPECTED: Record<string, string[]> = {
  USER_ACCOUNT: ["->ACTIVE:STAFF,SYSTEM", "ACTIVE>DEACTIVATED:STAFF,SYSTEM!", "DEACTIVATED>ACTIVE:STAFF!"],
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
    // A freed place kept for staff to validate (ADR 033).
    "WAITLISTED>PENDING:SYSTEM",
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
    "PAID>ISSUED:STAFF,SYSTEM!",
    "PAID>PARTIALLY_PAID:STAFF,SYSTEM!",
    "PARTIALLY_PAID>ISSUED:STAFF,SYSTEM!",
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
  PAYMENT: [
    "->PENDING:PARENT,SYSTEM",
    "->SUCCEEDED:STAFF,SYSTEM",
    "PENDING>SUCCEEDED:SYSTEM",
    "PENDING>FAILED:SYSTEM,STAFF",
    "FAILED>SUCCEEDED:SYSTEM",
    "SUCCEEDED>FAILED:STAFF,SYSTEM!",
  ],
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

  it("every named set is a subset of its machine's states, or of its Prisma enum when it has no machine", () => {
    const bySet: [Record<string, readonly string[]>, readonly string[]][] = [
      [ACCOUNT_REQUEST_STATUSES, machines.ACCOUNT_REQUEST.states],
      [USER_STATUSES, machines.USER_ACCOUNT.states],
      [CHILD_STATUSES, machines.CHILD.states],
      [INVOICE_STATUSES, machines.INVOICE.states],
      [PAYMENT_STATUSES, machines.PAYMENT.states],
      [DOCUMENT_STATUSES, machines.DOCUMENT.states],
      [THREAD_STATUSES, machines.MESSAGE_THREAD.states],
      [EMAIL_STATUSES, Object.values(enums.EmailStatus)],
      [BILLING_RUN_STATUSES, Object.values(enums.BillingRunStatus)],
      [STAND_IN_SESSION_STATUSES, Object.values(enums.CheckoutSessionStatus)],
    ];
    for (const [sets, states] of bySet) for (const set of Object.values(sets)) for (const s of set) expect(states).toContain(s);
  });

  it("allowed actions say what the pages offer: closing a conversation, cancelling a booking, deactivating an account", () => {
    expect(allowedActions("MESSAGE_THREAD", "OPEN", "STAFF").close).toBe(true);
    expect(allowedActions("MESSAGE_THREAD", "ANSWERED", "STAFF").close).toBe(true);
    expect(allowedActions("MESSAGE_THREAD", "CLOSED", "STAFF").close).toBe(false);
    expect(allowedActions("MESSAGE_THREAD", "OPEN", "PARENT").close).toBe(false);
    const cancellable = machines.RESERVATION.states.filter((s) => allowedActions("RESERVATION", s, "PARENT").requestCancellation);
    expect(cancellable).toEqual(["RESERVED"]);
    expect(allowedActions("USER_ACCOUNT", "DEACTIVATED", "STAFF")).toMatchObject({ deactivate: false, reactivate: true });
  });
});
