/**
 * The typed state machines of the portal. This file is the only place that
 * says which status may follow which, and who may make it happen; it has no
 * database access so that it can be used (and tested) anywhere.
 */
import type {
  AccountRequestStatus,
  BillingRunStatus,
  ImportRunStatus,
  ChangeRequestStatus,
  CheckoutSessionStatus,
  ChildStatus,
  DirectDebitStatus,
  DocumentStatus,
  EmailStatus,
  InscriptionStatus,
  InvoiceStatus,
  PaymentStatus,
  ReservationStatus,
  SepaMandateStatus,
  ThreadStatus,
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

/** The actions screens offer (buttons), by name; each machine says which status each leads to. */
export type ActionName =
  "validate" | "refuse" | "withdraw" | "cancel" | "deactivate" | "reactivate" | "requestCancellation" | "issue" | "close";
const ACTION_NAMES: readonly ActionName[] = [
  "validate",
  "refuse",
  "withdraw",
  "cancel",
  "deactivate",
  "reactivate",
  "requestCancellation",
  "issue",
  "close",
];

/** How a status reads at a glance (the colour of its badge). */
export type Tone = "waiting" | "done" | "refused" | "closed";

export interface Machine<S extends string> {
  name: WorkflowMachine;
  states: readonly S[];
  /** States from which nothing can follow. */
  terminal: readonly S[];
  rules: readonly TransitionRule<S>[];
  /** The one French word of each status (README glossary), on every page and e-mail. */
  labels: Readonly<Record<S, string>>;
  tones: Readonly<Record<S, Tone>>;
  /** The actions a screen offers, by the status they lead to. */
  actions: Readonly<Partial<Record<ActionName, S>>>;
}

export interface StatusByMachine {
  USER_ACCOUNT: UserStatus;
  CHILD: ChildStatus;
  ACCOUNT_REQUEST: AccountRequestStatus;
  CHANGE_REQUEST: ChangeRequestStatus;
  INSCRIPTION: InscriptionStatus;
  RESERVATION: ReservationStatus;
  INVOICE: InvoiceStatus;
  PAYMENT: PaymentStatus;
  DOCUMENT: DocumentStatus;
  MESSAGE_THREAD: ThreadStatus;
}

/** A sign-in account: staff deactivate it (every session ends) and reactivate it, always saying why. */
export const userAccountMachine: Machine<UserStatus> = {
  name: "USER_ACCOUNT",
  states: ["ACTIVE", "DEACTIVATED"],
  terminal: [],
  rules: [
    { from: null, to: "ACTIVE", by: ["STAFF", "SYSTEM"] },
    // SYSTEM: the server's operator (npm run admin -- disable).
    { from: "ACTIVE", to: "DEACTIVATED", by: ["STAFF", "SYSTEM"], requiresReason: true },
    { from: "DEACTIVATED", to: "ACTIVE", by: ["STAFF"], requiresReason: true },
  ],
  labels: { ACTIVE: "Actif", DEACTIVATED: "Désactivé" },
  tones: { ACTIVE: "done", DEACTIVATED: "closed" },
  actions: { deactivate: "DEACTIVATED", reactivate: "ACTIVE" },
};

/**
 * A child of the family file. Added by a parent, the child waits for the
 * structure's check (a CHILD_ADDED demande de modification decides it); added
 * by staff, it is validated at once. Only a validated child can be inscribed.
 */
export const childMachine: Machine<ChildStatus> = {
  name: "CHILD",
  states: ["PENDING", "VALIDATED", "REFUSED"],
  terminal: ["REFUSED"],
  rules: [
    { from: null, to: "PENDING", by: ["PARENT"] },
    { from: null, to: "VALIDATED", by: ["STAFF", "SYSTEM"] },
    { from: "PENDING", to: "VALIDATED", by: ["STAFF"] },
    { from: "PENDING", to: "REFUSED", by: ["STAFF"], requiresReason: true },
  ],
  labels: { PENDING: "En attente de validation", VALIDATED: "Validé", REFUSED: "Refusé" },
  tones: { PENDING: "waiting", VALIDATED: "done", REFUSED: "refused" },
  actions: { validate: "VALIDATED", refuse: "REFUSED" },
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
  labels: { PENDING: "En attente de validation", VALIDATED: "Validée", REFUSED: "Refusée" },
  tones: { PENDING: "waiting", VALIDATED: "done", REFUSED: "refused" },
  actions: { validate: "VALIDATED", refuse: "REFUSED" },
};

export const changeRequestMachine: Machine<ChangeRequestStatus> = {
  name: "CHANGE_REQUEST",
  states: ["PENDING", "VALIDATED", "REFUSED"],
  terminal: ["VALIDATED", "REFUSED"],
  rules: [
    { from: null, to: "PENDING", by: ["PARENT"] },
    { from: "PENDING", to: "VALIDATED", by: ["STAFF"] },
    { from: "PENDING", to: "REFUSED", by: ["STAFF"], requiresReason: true },
  ],
  labels: { PENDING: "En attente de validation", VALIDATED: "Validée", REFUSED: "Refusée" },
  tones: { PENDING: "waiting", VALIDATED: "done", REFUSED: "refused" },
  actions: { validate: "VALIDATED", refuse: "REFUSED" },
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
    // A place freed for a request of an activity validated by staff: it becomes a pending request holding that place (ADR 033).
    { from: "WAITLISTED", to: "PENDING", by: ["SYSTEM"] },
    { from: "WAITLISTED", to: "REFUSED", by: ["STAFF"], requiresReason: true },
    { from: "WAITLISTED", to: "WITHDRAWN", by: ["PARENT"] },
    { from: "VALIDATED", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
  ],
  labels: {
    PENDING: "En attente de validation",
    WAITLISTED: "En liste d'attente",
    VALIDATED: "Validée",
    REFUSED: "Refusée",
    WITHDRAWN: "Retirée",
    CANCELLED: "Annulée",
  },
  tones: { PENDING: "waiting", WAITLISTED: "waiting", VALIDATED: "done", REFUSED: "refused", WITHDRAWN: "closed", CANCELLED: "closed" },
  actions: { validate: "VALIDATED", refuse: "REFUSED", withdraw: "WITHDRAWN", cancel: "CANCELLED" },
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
    "CANCELLED",
  ],
  terminal: ["INVOICED", "CANCELLED"],
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
    // A place freed for a request of an activity validated by staff: it becomes a DR holding that place.
    { from: "WAITLISTED", to: "REQUESTED", by: ["SYSTEM"] },
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
    // Attendance (pointage) locks the cell. A child expected (R) or whose cancellation is pending (DA).
    { from: "RESERVED", to: "PRESENT", by: ["STAFF"] },
    { from: "RESERVED", to: "ABSENT_BILLED", by: ["STAFF"] },
    { from: "CANCELLATION_REQUESTED", to: "PRESENT", by: ["STAFF"] },
    // A child present without a booking (walk-in): created R then P by staff, under the slot's lock.
    // Corrections of a pointage by staff, before billing, each with its reason (logged).
    { from: "PRESENT", to: "ABSENT_BILLED", by: ["STAFF"], requiresReason: true },
    { from: "PRESENT", to: "ABSENT_EXCUSED", by: ["STAFF"], requiresReason: true },
    { from: "ABSENT_BILLED", to: "PRESENT", by: ["STAFF"], requiresReason: true },
    { from: "ABSENT_BILLED", to: "ABSENT_EXCUSED", by: ["STAFF"], requiresReason: true },
    { from: "ABSENT_EXCUSED", to: "PRESENT", by: ["STAFF"], requiresReason: true },
    { from: "ABSENT_EXCUSED", to: "ABSENT_BILLED", by: ["STAFF"], requiresReason: true },
    // Exceptional day (strike, trip, late closure): everything of the day cancelled by the structure, never billed.
    { from: "REQUESTED", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    { from: "WAITLISTED", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    { from: "RESERVED", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    { from: "CANCELLATION_REQUESTED", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    { from: "PRESENT", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    { from: "ABSENT_BILLED", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    { from: "ABSENT_EXCUSED", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    // Billing.
    { from: "PRESENT", to: "INVOICED", by: ["SYSTEM", "STAFF"] },
    { from: "ABSENT_BILLED", to: "INVOICED", by: ["SYSTEM", "STAFF"] },
    { from: "RESERVED", to: "INVOICED", by: ["SYSTEM", "STAFF"] },
  ],
  // SPEC.md §2 and seeds 001/004 (codes DR, R, DA, P, A Exc., A Fact.).
  labels: {
    REQUESTED: "Demande de réservation envoyée",
    WAITLISTED: "En liste d'attente",
    RESERVED: "Réservation validée",
    REFUSED: "Refusée",
    WITHDRAWN: "Retirée",
    CANCELLATION_REQUESTED: "Demande d'annulation",
    PRESENT: "Présence",
    ABSENT_EXCUSED: "Absence excusée",
    ABSENT_BILLED: "Absence facturée",
    INVOICED: "Facturée",
    CANCELLED: "Annulée par la structure",
  },
  tones: {
    REQUESTED: "waiting",
    WAITLISTED: "waiting",
    RESERVED: "done",
    REFUSED: "refused",
    WITHDRAWN: "closed",
    CANCELLATION_REQUESTED: "waiting",
    PRESENT: "done",
    ABSENT_EXCUSED: "closed",
    ABSENT_BILLED: "refused",
    INVOICED: "closed",
    CANCELLED: "closed",
  },
  actions: { validate: "RESERVED", refuse: "REFUSED", withdraw: "WITHDRAWN", requestCancellation: "CANCELLATION_REQUESTED" },
};

export const invoiceMachine: Machine<InvoiceStatus> = {
  name: "INVOICE",
  states: ["DRAFT", "ISSUED", "PARTIALLY_PAID", "PAID", "CANCELLED"],
  terminal: ["CANCELLED"],
  rules: [
    { from: null, to: "DRAFT", by: ["SYSTEM", "STAFF"] },
    { from: "DRAFT", to: "ISSUED", by: ["STAFF", "SYSTEM"] },
    { from: "DRAFT", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    { from: "ISSUED", to: "PARTIALLY_PAID", by: ["STAFF", "SYSTEM"] },
    { from: "ISSUED", to: "PAID", by: ["STAFF", "SYSTEM"] },
    { from: "ISSUED", to: "CANCELLED", by: ["STAFF"], requiresReason: true },
    { from: "PARTIALLY_PAID", to: "PAID", by: ["STAFF", "SYSTEM"] },
    // A prélèvement rejected by the bank after it paid the invoice (ADR 053): its payment is reversed, the invoice due again.
    { from: "PAID", to: "ISSUED", by: ["STAFF", "SYSTEM"], requiresReason: true },
    { from: "PAID", to: "PARTIALLY_PAID", by: ["STAFF", "SYSTEM"], requiresReason: true },
    { from: "PARTIALLY_PAID", to: "ISSUED", by: ["STAFF", "SYSTEM"], requiresReason: true },
  ],
  labels: { DRAFT: "Brouillon", ISSUED: "À payer", PARTIALLY_PAID: "Partiellement payée", PAID: "Payée", CANCELLED: "Annulée" },
  tones: { DRAFT: "waiting", ISSUED: "waiting", PARTIALLY_PAID: "waiting", PAID: "done", CANCELLED: "closed" },
  actions: { issue: "ISSUED", cancel: "CANCELLED" },
};

/**
 * A payment: online it is created pending (the Checkout session) and the webhook — or the success page —
 * records it; a desk payment is recorded at once. A late success after an expiry is still money received.
 */
export const paymentMachine: Machine<PaymentStatus> = {
  name: "PAYMENT",
  states: ["PENDING", "SUCCEEDED", "FAILED"],
  terminal: [],
  rules: [
    { from: null, to: "PENDING", by: ["PARENT", "SYSTEM"] },
    // SYSTEM: a prélèvement collected on its due date (ADR 053).
    { from: null, to: "SUCCEEDED", by: ["STAFF", "SYSTEM"] },
    { from: "PENDING", to: "SUCCEEDED", by: ["SYSTEM"] },
    // The system (session expired, replaced) or staff marking a payment stuck « en cours de confirmation » abandoned.
    { from: "PENDING", to: "FAILED", by: ["SYSTEM", "STAFF"] },
    { from: "FAILED", to: "SUCCEEDED", by: ["SYSTEM"] },
    // A prélèvement the bank returned (rejet, ADR 053): the money was never received after all.
    { from: "SUCCEEDED", to: "FAILED", by: ["STAFF", "SYSTEM"], requiresReason: true },
  ],
  labels: { PENDING: "Paiement en cours de confirmation", SUCCEEDED: "Payé", FAILED: "Paiement non abouti" },
  tones: { PENDING: "waiting", SUCCEEDED: "done", FAILED: "refused" },
  actions: {},
};

/**
 * A document: a family's is received (« en attente »), then accepted or refused with a reason (a refused one is
 * replaced by a new one); a published one can be withdrawn and published again. At the end of the retention period
 * the system deletes the file of a decided one (the row stays as a record).
 */
export const documentMachine: Machine<DocumentStatus> = {
  name: "DOCUMENT",
  states: ["RECEIVED", "ACCEPTED", "REFUSED", "PUBLISHED", "UNPUBLISHED", "DELETED"],
  terminal: ["DELETED"],
  rules: [
    { from: null, to: "RECEIVED", by: ["PARENT", "STAFF"] },
    { from: null, to: "PUBLISHED", by: ["STAFF"] },
    { from: "RECEIVED", to: "ACCEPTED", by: ["STAFF"] },
    { from: "RECEIVED", to: "REFUSED", by: ["STAFF"], requiresReason: true },
    { from: "PUBLISHED", to: "UNPUBLISHED", by: ["STAFF"] },
    { from: "UNPUBLISHED", to: "PUBLISHED", by: ["STAFF"] },
    { from: "ACCEPTED", to: "DELETED", by: ["SYSTEM"], requiresReason: true },
    { from: "REFUSED", to: "DELETED", by: ["SYSTEM"], requiresReason: true },
  ],
  labels: {
    RECEIVED: "En attente",
    ACCEPTED: "Accepté",
    REFUSED: "Refusé",
    PUBLISHED: "Publié",
    UNPUBLISHED: "Retiré",
    DELETED: "Supprimé (durée de conservation)",
  },
  tones: { RECEIVED: "waiting", ACCEPTED: "done", REFUSED: "refused", PUBLISHED: "done", UNPUBLISHED: "closed", DELETED: "closed" },
  actions: { validate: "ACCEPTED", refuse: "REFUSED" },
};

/** A conversation with the structure (« Contact »): waiting for the structure, answered, closed; writing again opens it. */
export const messageThreadMachine: Machine<ThreadStatus> = {
  name: "MESSAGE_THREAD",
  states: ["OPEN", "ANSWERED", "CLOSED"],
  terminal: [],
  rules: [
    { from: null, to: "OPEN", by: ["PARENT"] },
    { from: null, to: "ANSWERED", by: ["STAFF"] },
    { from: "OPEN", to: "ANSWERED", by: ["STAFF"] },
    { from: "ANSWERED", to: "OPEN", by: ["PARENT"] },
    { from: "OPEN", to: "CLOSED", by: ["STAFF"] },
    { from: "ANSWERED", to: "CLOSED", by: ["STAFF"] },
    { from: "CLOSED", to: "OPEN", by: ["PARENT"] },
    { from: "CLOSED", to: "ANSWERED", by: ["STAFF"] },
  ],
  labels: { OPEN: "En attente de réponse", ANSWERED: "Répondu", CLOSED: "Clos" },
  tones: { OPEN: "waiting", ANSWERED: "done", CLOSED: "closed" },
  actions: { close: "CLOSED" },
};

export const machines: { [M in WorkflowMachine]: Machine<StatusByMachine[M]> } = {
  USER_ACCOUNT: userAccountMachine,
  CHILD: childMachine,
  ACCOUNT_REQUEST: accountRequestMachine,
  CHANGE_REQUEST: changeRequestMachine,
  INSCRIPTION: inscriptionMachine,
  RESERVATION: reservationMachine,
  INVOICE: invoiceMachine,
  PAYMENT: paymentMachine,
  DOCUMENT: documentMachine,
  MESSAGE_THREAD: messageThreadMachine,
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

/** What `actor` may do now with an entity in status `from`: each action of the machine, allowed or not. */
export function allowedActions<M extends WorkflowMachine>(
  machine: M,
  from: StatusByMachine[M],
  actor: ActorKind,
): Record<ActionName, boolean> {
  const actions = machines[machine].actions as Partial<Record<ActionName, StatusByMachine[M]>>;
  const out = {} as Record<ActionName, boolean>;
  for (const name of ACTION_NAMES) {
    const to = actions[name];
    out[name] = to !== undefined && canTransition(machine, from, to, actor);
  }
  return out;
}

/** A Prisma `{ in: [...] }` filter from a named set (a mutable copy, as Prisma wants). */
export const statusIn = <S extends string>(set: readonly S[]): { in: S[] } => ({ in: [...set] });

/** The French word of a status (README glossary). */
export function statusLabel<M extends WorkflowMachine>(machine: M, status: StatusByMachine[M]): string {
  return (machines[machine].labels as Record<string, string>)[status];
}

export function statusTone<M extends WorkflowMachine>(machine: M, status: StatusByMachine[M]): Tone {
  return (machines[machine].tones as Record<string, Tone>)[status];
}

/**
 * Named sets of statuses, so that no query or page re-derives what a status
 * means. Each is a subset of its machine's states (checked by the tests).
 */
export const INSCRIPTION_STATUSES = {
  /** A live request or inscription: a second one for the same child, activity and period is a duplicate. */
  ACTIVE: ["PENDING", "WAITLISTED", "VALIDATED"],
  /** Counted against the activity's maximum and the group's capacity (a pending request keeps its place). */
  HOLDS_PLACE: ["PENDING", "VALIDATED"],
  /** Waiting for a staff decision (the queue of /admin/inscriptions). */
  AWAITING_DECISION: ["PENDING", "WAITLISTED"],
  /** An attestation d'inscription can be delivered. */
  CERTIFIABLE: ["VALIDATED"],
  /** Reservations can be made (and a cancellation withdrawn, a request accepted) only inside a validated inscription. */
  BOOKABLE: ["VALIDATED"],
  /** On the waiting list: it has a position, and a place freed may validate it. */
  ON_WAITING_LIST: ["WAITLISTED"],
  /** A request staff have not decided nor put on the waiting list (a pre-registration shows « ! »). */
  UNREVIEWED: ["PENDING"],
  /** Ended by the family itself: no decision date, its last change says when. */
  WITHDRAWN_BY_FAMILY: ["WITHDRAWN"],
} as const satisfies Record<string, readonly InscriptionStatus[]>;

/** Is `status` one of `set`? (Typed for the named sets above.) */
export function isIn<S extends string>(set: readonly S[], status: string | null | undefined): status is S {
  return status != null && (set as readonly string[]).includes(status);
}

export const INVOICE_STATUSES = {
  /** What a family can still pay (online or at the desk). */
  PAYABLE: ["ISSUED", "PARTIALLY_PAID"],
  /** Sent to the family: what the family's balance adds up (an avoir on a paid one makes it owed to the family). */
  SENT: ["ISSUED", "PARTIALLY_PAID", "PAID"],
  /** Stops an anonymisation: still to send or to pay. */
  OPEN: ["DRAFT", "ISSUED", "PARTIALLY_PAID"],
  /** Not sent yet: corrected by generating the month again (never by an avoir); « Envoyer les factures » sends them. */
  NOT_SENT: ["DRAFT"],
  /** Fully settled: a quittance can be delivered (when money was received). */
  SETTLED: ["PAID"],
  /** Cancelled: no avoir any more. */
  VOID: ["CANCELLED"],
} as const satisfies Record<string, readonly InvoiceStatus[]>;

export const RESERVATION_STATUSES = {
  /**
   * Takes a place of the unit that day: a DR keeps its place until staff decide (they never accept beyond
   * the capacity); a decided cancellation, excused or billed, frees it for the waiting list.
   */
  HOLDS_PLACE: ["REQUESTED", "RESERVED", "CANCELLATION_REQUESTED", "PRESENT", "INVOICED"],
  /** A request for a place (a DR, or on the waiting list): staff accept or refuse it, the parent may withdraw it. */
  REQUESTS: ["REQUESTED", "WAITLISTED"],
  /** Waiting for the structure (the staff queue): a request, or a DA. */
  AWAITING_DECISION: ["REQUESTED", "WAITLISTED", "CANCELLATION_REQUESTED"],
  /** Ended without a place: the cell is free again and may be asked once more. */
  ASKABLE_AGAIN: ["REFUSED", "WITHDRAWN"],
  /** Still open (asked, waiting, booked, being cancelled): an inscription with one to come cannot be cancelled. */
  OPEN: ["REQUESTED", "WAITLISTED", "RESERVED", "CANCELLATION_REQUESTED"],
  /**
   * A request or a record: a closure of the structure must not erase it, and it counts against the rules
   * between units of the child's day (a waiting request too: it may get the place).
   */
  LIVE: ["REQUESTED", "WAITLISTED", "RESERVED", "CANCELLATION_REQUESTED", "PRESENT", "ABSENT_BILLED", "INVOICED"],
  /** Billed by a month's invoice: a validated booking, a presence, a billed absence (never an excused one, nor a day cancelled by the structure). */
  BILLABLE: ["RESERVED", "PRESENT", "ABSENT_BILLED"],
  /** Pointage: the children the team expects at the door (booked, or a cancellation not decided yet). */
  EXPECTED: ["RESERVED", "CANCELLATION_REQUESTED"],
  /** Pointage recorded (P, A Exc., A Fact.): staff may still correct it, with a reason, until it is invoiced. */
  POINTED: ["PRESENT", "ABSENT_EXCUSED", "ABSENT_BILLED"],
  /** What an exceptional day cancels (everything of the day but what is already invoiced or ended). */
  CANCELLABLE_BY_STRUCTURE: ["REQUESTED", "WAITLISTED", "RESERVED", "CANCELLATION_REQUESTED", "PRESENT", "ABSENT_BILLED", "ABSENT_EXCUSED"],
  /** A validated booking (R): the parent may ask to cancel it until the deadline; the day before, a reminder. */
  BOOKED: ["RESERVED"],
  /** On the waiting list (LA): it has a rank, and is not among the children booked. */
  ON_WAITING_LIST: ["WAITLISTED"],
  /** A cancellation asked by the parent (DA), waiting for the structure's decision. */
  CANCELLATION_PENDING: ["CANCELLATION_REQUESTED"],
  /** The child came (P): hours of presence. */
  ATTENDED: ["PRESENT"],
  /** An absence, excused or billed (its reason, when given, is shown). */
  ABSENT: ["ABSENT_EXCUSED", "ABSENT_BILLED"],
  /** An excused absence (A Exc.): never billed. */
  EXCUSED: ["ABSENT_EXCUSED"],
  /** A billed absence (A Fact.), not invoiced yet: a medical certificate excuses it. */
  BILLED_ABSENCE: ["ABSENT_BILLED"],
  /** A billed absence, or an invoiced cell that may have been one (its log says): a certificate may justify it. */
  MAYBE_BILLED_ABSENCE: ["ABSENT_BILLED", "INVOICED"],
  /** Pointage proposed as an absence: a billed absence, or a cancellation still pending. */
  PROPOSED_ABSENT: ["ABSENT_BILLED", "CANCELLATION_REQUESTED"],
  /** Invoiced: the pointage is locked. */
  INVOICED: ["INVOICED"],
  /** Cancelled by the structure (exceptional day): shown apart, never billed. */
  CANCELLED_BY_STRUCTURE: ["CANCELLED"],
} as const satisfies Record<string, readonly ReservationStatus[]>;

/** The codes of the calendar cells (seed 004: R, DR, DA, P, A Exc., A Fact.); « LA » for the waiting list. */
export const RESERVATION_CODES: Readonly<Record<ReservationStatus, string>> = {
  REQUESTED: "DR",
  WAITLISTED: "LA",
  RESERVED: "R",
  REFUSED: "",
  WITHDRAWN: "",
  CANCELLATION_REQUESTED: "DA",
  PRESENT: "P",
  ABSENT_EXCUSED: "A Exc.",
  ABSENT_BILLED: "A Fact.",
  INVOICED: "F",
  CANCELLED: "Ann.",
};

export const REQUEST_STATUSES = {
  /** Account, change and child requests waiting for staff. */
  AWAITING_DECISION: ["PENDING"],
} as const;

export const ACCOUNT_REQUEST_STATUSES = {
  /** Not an account (yet, or ever): the sign-in page tells where the request stands. */
  NOT_AN_ACCOUNT: ["PENDING", "REFUSED"],
} as const satisfies Record<string, readonly AccountRequestStatus[]>;

export const USER_STATUSES = {
  /** May sign in, ask for a new password, keep a session; an anonymisation deactivates it. */
  CAN_SIGN_IN: ["ACTIVE"],
} as const satisfies Record<string, readonly UserStatus[]>;

export const CHILD_STATUSES = {
  /** On the family file: shown with its actions and editable (a refused child stays only as a record). */
  ON_FILE: ["PENDING", "VALIDATED"],
  /** Added by a parent and waiting for the structure's check: a parent's health changes apply at once. */
  AWAITING_DECISION: ["PENDING"],
  /** Can be inscribed to an activity, and has documents to send. */
  INSCRIBABLE: ["VALIDATED"],
} as const satisfies Record<string, readonly ChildStatus[]>;

export const PAYMENT_STATUSES = {
  /** Waiting for the payment provider's confirmation (webhook or success page). */
  AWAITING_CONFIRMATION: ["PENDING"],
  /** Money received: it settles invoices, and a late report changes nothing. */
  RECEIVED: ["SUCCEEDED"],
  /** Not received: the invoices stay to pay. */
  UNSUCCESSFUL: ["FAILED"],
} as const satisfies Record<string, readonly PaymentStatus[]>;

export const DOCUMENT_STATUSES = {
  /** Sent by the family and not refused: it answers what is asked (no second certificate, not missing any more). */
  STANDING: ["RECEIVED", "ACCEPTED"],
  /** Waiting for the structure's look (« En attente »). */
  AWAITING_DECISION: ["RECEIVED"],
  /** Decided: deleted at the end of the retention period. */
  DECIDED: ["ACCEPTED", "REFUSED"],
  /** Refused: its reason is shown, and the family replaces it by a new one. */
  REFUSED: ["REFUSED"],
  /** Shown to families (« Documents de la structure »). */
  PUBLISHED: ["PUBLISHED"],
  /** Its file is gone (retention period): the row stays as a record, nothing to open. */
  FILE_DELETED: ["DELETED"],
} as const satisfies Record<string, readonly DocumentStatus[]>;

export const THREAD_STATUSES = {
  /** Waiting for the structure's answer: counted against the family's limit, listed first for staff. */
  AWAITING_ANSWER: ["OPEN"],
  /** Answered by the structure. */
  ANSWERED: ["ANSWERED"],
  /** Closed by the structure: a parent writing again reopens it. */
  CLOSED: ["CLOSED"],
} as const satisfies Record<string, readonly ThreadStatus[]>;

/*
 * Statuses without a machine: nobody decides them, the system moves them on
 * (the e-mail outbox, a billing run, a checkout session).
 */

export const EMAIL_STATUSES = {
  /** In the outbox, to be sent (again after a failed attempt). */
  QUEUED: ["PENDING"],
  /** Delivered to the mail server. */
  SENT: ["SENT"],
  /** Given up after its attempts: staff may retry it. */
  GAVE_UP: ["FAILED"],
  /** Not delivered (yet): its last error says why. */
  UNDELIVERED: ["PENDING", "FAILED"],
  /** Every state (the filter of /admin/courriels). */
  ALL: ["PENDING", "SENT", "FAILED"],
} as const satisfies Record<string, readonly EmailStatus[]>;

/** The one French word of each e-mail state (README glossary). */
export const EMAIL_STATUS_LABELS: Readonly<Record<EmailStatus, string>> = { PENDING: "En cours d'envoi", SENT: "Envoyé", FAILED: "Échec" };

export const BILLING_RUN_STATUSES = {
  /** Running (or interrupted, when its heartbeat stopped): it holds the month's key. */
  RUNNING: ["RUNNING"],
  /** Finished: its report is shown. */
  DONE: ["DONE"],
  /** Stopped on an error, shown to staff. */
  FAILED: ["FAILED"],
} as const satisfies Record<string, readonly BillingRunStatus[]>;

export const IMPORT_RUN_STATUSES = {
  /** Running (or interrupted, when its heartbeat stopped): it holds the one import key. */
  RUNNING: ["RUNNING"],
  /** Finished: its counts are shown. */
  DONE: ["DONE"],
  /** Stopped on an error, shown to the administrator. */
  FAILED: ["FAILED"],
} as const satisfies Record<string, readonly ImportRunStatus[]>;

/** The local stand-in of a Stripe Checkout session (stored, in capitals). */
export const STAND_IN_SESSION_STATUSES = {
  /** Can still be paid. */
  PAYABLE: ["OPEN"],
} as const satisfies Record<string, readonly CheckoutSessionStatus[]>;

/** A Checkout session as Stripe states it (the stand-in answers the same words). */
export type CheckoutStatus = "open" | "complete" | "expired";

export const CHECKOUT_STATUSES = {
  /** Can still be paid (and its page opened again). */
  PAYABLE: ["open"],
  /** Paid: it can no longer be expired. */
  PAID: ["complete"],
} as const satisfies Record<string, readonly CheckoutStatus[]>;

/** A mandat SEPA (ADR 053): signed (or recorded) active, revoked by the family or staff; nothing else follows. */
export const SEPA_MANDATE_STATUSES = {
  /** Its family's invoices of the lieu are debited (one active mandate per family and lieu). */
  ACTIVE: ["ACTIVE"],
  /** No debit any more; kept as a record (its RUM is never given again). */
  REVOKED: ["REVOKED"],
} as const satisfies Record<string, readonly SepaMandateStatus[]>;

/** The one French word of each mandate state (README glossary). */
export const SEPA_MANDATE_STATUS_LABELS: Readonly<Record<SepaMandateStatus, string>> = { ACTIVE: "Actif", REVOKED: "Révoqué" };

/** A prélèvement of an exported batch (ADR 053): the system collects it after its due date; staff record a rejection. */
export const DIRECT_DEBIT_STATUSES = {
  /** In a file sent to the bank, not yet due: its invoice cannot be paid online meanwhile, nor exported again. */
  ON_ITS_WAY: ["PENDING"],
  /** Due date passed without a rejection: its payment pays the invoice. */
  COLLECTED: ["COLLECTED"],
  /** Returned by the bank: the invoice is due again (never debited again automatically). */
  REJECTED: ["REJECTED"],
  /** Debited or on its way: the invoice is not exported again. */
  EXPORTED: ["PENDING", "COLLECTED"],
} as const satisfies Record<string, readonly DirectDebitStatus[]>;

/** The one French word of each debit state (README glossary). */
export const DIRECT_DEBIT_STATUS_LABELS: Readonly<Record<DirectDebitStatus, string>> = {
  PENDING: "En attente",
  COLLECTED: "Prélevé",
  REJECTED: "Rejeté",
};
