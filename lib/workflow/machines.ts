/**
 * The typed state machines of the portal. This file is the only place that
 * says which status may follow which, and who may make it happen; it has no
 * database access so that it can be used (and tested) anywhere.
 */
import type {
  AccountRequestStatus,
  ChangeRequestStatus,
  InscriptionStatus,
  InvoiceStatus,
  ReservationStatus,
  UserStatus,
  WorkflowMachine,
} from "@/lib/generated/prisma/enums";

/** Who acts: an anonymous visitor, a parent, staff (ADMIN acts as staff), or the system itself. */
export type ActorKind = "VISITOR" | "PARENT" | "STAFF" | "SYSTEM";

export interface TransitionRule<S extends string> {
  /** null = the creation of the entity. */
  from: S | null;
  to: S;
  by: readonly ActorKind[];
  /** A refusal or a cancellation must say why. */
  requiresReason?: boolean;
}

export interface Machine<S extends string> {
  name: WorkflowMachine;
  states: readonly S[];
  /** States from which nothing can follow. */
  terminal: readonly S[];
  rules: readonly TransitionRule<S>[];
}

export interface StatusByMachine {
  USER_ACCOUNT: UserStatus;
  ACCOUNT_REQUEST: AccountRequestStatus;
  CHANGE_REQUEST: ChangeRequestStatus;
  INSCRIPTION: InscriptionStatus;
  RESERVATION: ReservationStatus;
  INVOICE: InvoiceStatus;
}

/** A sign-in account: staff deactivate it (every session ends) and reactivate it, always saying why. */
export const userAccountMachine: Machine<UserStatus> = {
  name: "USER_ACCOUNT",
  states: ["ACTIVE", "DEACTIVATED"],
  terminal: [],
  rules: [
    { from: null, to: "ACTIVE", by: ["STAFF", "SYSTEM"] },
    { from: "ACTIVE", to: "DEACTIVATED", by: ["STAFF"], requiresReason: true },
    { from: "DEACTIVATED", to: "ACTIVE", by: ["STAFF"], requiresReason: true },
  ],
};

export const accountRequestMachine: Machine<AccountRequestStatus> = {
  name: "ACCOUNT_REQUEST",
  states: ["PENDING", "VALIDATED", "REFUSED"],
  terminal: ["VALIDATED", "REFUSED"],
  rules: [
    { from: null, to: "PENDING", by: ["VISITOR"] },
    { from: "PENDING", to: "VALIDATED", by: ["STAFF"] },
    { from: "PENDING", to: "REFUSED", by: ["STAFF"], requiresReason: true },
  ],
};

export const changeRequestMachine: Machine<ChangeRequestStatus> = {
  name: "CHANGE_REQUEST",
  states: ["PENDING", "ACCEPTED", "REFUSED"],
  terminal: ["ACCEPTED", "REFUSED"],
  rules: [
    { from: null, to: "PENDING", by: ["PARENT"] },
    { from: "PENDING", to: "ACCEPTED", by: ["STAFF"] },
    { from: "PENDING", to: "REFUSED", by: ["STAFF"], requiresReason: true },
  ],
};

export const inscriptionMachine: Machine<InscriptionStatus> = {
  name: "INSCRIPTION",
  states: ["PENDING", "WAITLISTED", "VALIDATED", "REFUSED", "WITHDRAWN", "CANCELLED"],
  terminal: ["REFUSED", "WITHDRAWN", "CANCELLED"],
  rules: [
    { from: null, to: "PENDING", by: ["PARENT", "STAFF"] },
    // The activity is full: the request waits for a place.
    { from: null, to: "WAITLISTED", by: ["PARENT", "STAFF"] },
    // Automatic validation, or staff enrolling a child at the desk.
    { from: null, to: "VALIDATED", by: ["SYSTEM", "STAFF"] },
    { from: "PENDING", to: "VALIDATED", by: ["STAFF", "SYSTEM"] },
    { from: "PENDING", to: "WAITLISTED", by: ["STAFF", "SYSTEM"] },
    { from: "PENDING", to: "REFUSED", by: ["STAFF"], requiresReason: true },
    { from: "PENDING", to: "WITHDRAWN", by: ["PARENT"] },
    { from: "WAITLISTED", to: "VALIDATED", by: ["STAFF", "SYSTEM"] },
    { from: "WAITLISTED", to: "REFUSED", by: ["STAFF"], requiresReason: true },
    { from: "WAITLISTED", to: "WITHDRAWN", by: ["PARENT"] },
    { from: "VALIDATED", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
  ],
};

/**
 * Reservation cells (SPEC.md §2). The states a parent sees but that are not
 * stored (case libre, non disponible, plus de place, demande sélectionnée non
 * envoyée) are computed by the calendar, not kept here.
 */
export const reservationMachine: Machine<ReservationStatus> = {
  name: "RESERVATION",
  states: [
    "REQUESTED",
    "WAITLISTED",
    "RESERVED",
    "REFUSED",
    "WITHDRAWN",
    "CANCELLATION_REQUESTED",
    "PRESENT",
    "ABSENT_EXCUSED",
    "ABSENT_BILLED",
    "INVOICED",
  ],
  terminal: ["ABSENT_EXCUSED", "INVOICED"],
  rules: [
    // DR sent; or straight to R / liste d'attente when validation is automatic.
    { from: null, to: "REQUESTED", by: ["PARENT", "STAFF"] },
    { from: null, to: "RESERVED", by: ["SYSTEM", "STAFF"] },
    { from: null, to: "WAITLISTED", by: ["SYSTEM", "STAFF"] },
    { from: "REQUESTED", to: "RESERVED", by: ["STAFF", "SYSTEM"] },
    { from: "REQUESTED", to: "WAITLISTED", by: ["STAFF", "SYSTEM"] },
    { from: "REQUESTED", to: "REFUSED", by: ["STAFF"], requiresReason: true },
    { from: "REQUESTED", to: "WITHDRAWN", by: ["PARENT"] },
    { from: "WAITLISTED", to: "RESERVED", by: ["STAFF", "SYSTEM"] },
    { from: "WAITLISTED", to: "REFUSED", by: ["STAFF"], requiresReason: true },
    { from: "WAITLISTED", to: "WITHDRAWN", by: ["PARENT"] },
    // A refused or withdrawn cell is free again: the parent may ask once more.
    { from: "REFUSED", to: "REQUESTED", by: ["PARENT", "STAFF"] },
    { from: "WITHDRAWN", to: "REQUESTED", by: ["PARENT", "STAFF"] },
    { from: "REFUSED", to: "RESERVED", by: ["SYSTEM", "STAFF"] },
    { from: "WITHDRAWN", to: "RESERVED", by: ["SYSTEM", "STAFF"] },
    { from: "REFUSED", to: "WAITLISTED", by: ["SYSTEM", "STAFF"] },
    { from: "WITHDRAWN", to: "WAITLISTED", by: ["SYSTEM", "STAFF"] },
    // R → DA (demande d'annulation), until the cell is locked.
    { from: "RESERVED", to: "CANCELLATION_REQUESTED", by: ["PARENT"] },
    { from: "CANCELLATION_REQUESTED", to: "RESERVED", by: ["PARENT", "STAFF"] },
    // Cancellation accepted: within the deadline excused, after it billed.
    { from: "CANCELLATION_REQUESTED", to: "ABSENT_EXCUSED", by: ["STAFF", "SYSTEM"] },
    { from: "CANCELLATION_REQUESTED", to: "ABSENT_BILLED", by: ["STAFF", "SYSTEM"] },
    // Staff cancel a booking themselves (closure, illness with a certificate…).
    { from: "RESERVED", to: "ABSENT_EXCUSED", by: ["STAFF"], requiresReason: true },
    // Attendance (pointage) locks the cell.
    { from: "RESERVED", to: "PRESENT", by: ["STAFF"] },
    { from: "RESERVED", to: "ABSENT_BILLED", by: ["STAFF"] },
    // Corrections of a pointage by staff, before billing.
    { from: "PRESENT", to: "ABSENT_BILLED", by: ["STAFF"], requiresReason: true },
    { from: "ABSENT_BILLED", to: "PRESENT", by: ["STAFF"], requiresReason: true },
    { from: "ABSENT_BILLED", to: "ABSENT_EXCUSED", by: ["STAFF"], requiresReason: true },
    // Billing.
    { from: "PRESENT", to: "INVOICED", by: ["SYSTEM", "STAFF"] },
    { from: "ABSENT_BILLED", to: "INVOICED", by: ["SYSTEM", "STAFF"] },
    { from: "RESERVED", to: "INVOICED", by: ["SYSTEM", "STAFF"] },
  ],
};

export const invoiceMachine: Machine<InvoiceStatus> = {
  name: "INVOICE",
  states: ["DRAFT", "ISSUED", "PARTIALLY_PAID", "PAID", "CANCELLED"],
  terminal: ["PAID", "CANCELLED"],
  rules: [
    { from: null, to: "DRAFT", by: ["SYSTEM", "STAFF"] },
    { from: "DRAFT", to: "ISSUED", by: ["STAFF", "SYSTEM"] },
    { from: "DRAFT", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    { from: "ISSUED", to: "PARTIALLY_PAID", by: ["STAFF", "SYSTEM"] },
    { from: "ISSUED", to: "PAID", by: ["STAFF", "SYSTEM"] },
    { from: "ISSUED", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    { from: "PARTIALLY_PAID", to: "PAID", by: ["STAFF", "SYSTEM"] },
  ],
};

export const machines: { [M in WorkflowMachine]: Machine<StatusByMachine[M]> } = {
  USER_ACCOUNT: userAccountMachine,
  ACCOUNT_REQUEST: accountRequestMachine,
  CHANGE_REQUEST: changeRequestMachine,
  INSCRIPTION: inscriptionMachine,
  RESERVATION: reservationMachine,
  INVOICE: invoiceMachine,
};

export function findRule<M extends WorkflowMachine>(
  machine: M,
  from: StatusByMachine[M] | null,
  to: StatusByMachine[M],
): TransitionRule<StatusByMachine[M]> | undefined {
  const rules = machines[machine].rules as readonly TransitionRule<StatusByMachine[M]>[];
  return rules.find((rule) => rule.from === from && rule.to === to);
}

/** May `actor` move an entity of `machine` from `from` (null: create) to `to`? */
export function canTransition<M extends WorkflowMachine>(
  machine: M,
  from: StatusByMachine[M] | null,
  to: StatusByMachine[M],
  actor: ActorKind,
): boolean {
  const rule = findRule(machine, from, to);
  return rule !== undefined && rule.by.includes(actor);
}
