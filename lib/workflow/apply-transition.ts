import "server-only";
import { randomUUID as createId } from "node:crypto";
import type { Tx } from "@/lib/db";
import { lockInscriptions } from "@/lib/locks";
import type { Role, WorkflowMachine } from "@/lib/generated/prisma/enums";
import { formatDateTime } from "@/lib/format";
import { canTransition, findRule, machines, statusLabel, type ActorKind, type StatusByMachine, type TransitionRule } from "./machines";
import { IllegalTransitionError, InscriptionNotValidatedError, NotFoundError, ReasonRequiredError, StaleStatusError } from "./errors";
import { UserFacingError } from "@/lib/errors";
import { ALL_LIEUX, type StaffScope } from "@/lib/auth/staff-scope";

export interface Actor {
  /** null for an anonymous visitor or the system. */
  userId: string | null;
  kind: ActorKind;
  /** What is written to the log: the user's role, "VISITOR" or "SYSTEM". */
  label: Role | "VISITOR" | "SYSTEM";
  /**
   * The lieux d'accueil a staff actor sees and decides for (ADR 029); every lieu for ADMIN, the system, a visitor and a
   * parent (whose own family scopes what they do); absent means every lieu. Only the session (lib/auth/session.ts)
   * makes a limited one. Read it through `actorScope()`.
   */
  scope?: StaffScope;
}

export const SYSTEM: Actor = { userId: null, kind: "SYSTEM", label: "SYSTEM", scope: ALL_LIEUX };
export const VISITOR: Actor = { userId: null, kind: "VISITOR", label: "VISITOR", scope: ALL_LIEUX };

/** The lieux an actor sees and decides for (ADR 029). */
export function actorScope(actor: Actor): StaffScope {
  return actor.scope ?? ALL_LIEUX;
}

export function actorFromUser(user: { id: string; role: Role }, scope: StaffScope = ALL_LIEUX): Actor {
  return { userId: user.id, kind: user.role === "PARENT" ? "PARENT" : "STAFF", label: user.role, scope };
}

function check<M extends WorkflowMachine>(
  machine: M,
  from: StatusByMachine[M] | null,
  to: StatusByMachine[M],
  actor: Actor,
  reason: string | undefined,
): void {
  if (!canTransition(machine, from, to, actor.kind)) {
    throw new IllegalTransitionError(machine, from, to, actor.label);
  }
  if (findRule(machine, from, to)?.requiresReason && !reason?.trim()) {
    throw new ReasonRequiredError();
  }
}

async function log(
  tx: Tx,
  machine: WorkflowMachine,
  entityId: string,
  from: string | null,
  to: string,
  actor: Actor,
  reason: string | undefined,
): Promise<void> {
  await tx.transitionLog.create({
    data: {
      machine,
      entityId,
      fromStatus: from,
      toStatus: to,
      actorId: actor.userId,
      actorRole: actor.label,
      reason: reason?.trim() || null,
    },
  });
}

/** Reads the current status of an entity; null when it does not exist. */
async function currentStatus(tx: Tx, machine: WorkflowMachine, id: string): Promise<string | null> {
  const select = { status: true } as const;
  const where = { id };
  switch (machine) {
    case "USER_ACCOUNT":
      return (await tx.user.findUnique({ where, select }))?.status ?? null;
    case "CHILD":
      return (await tx.child.findUnique({ where, select }))?.status ?? null;
    case "ACCOUNT_REQUEST":
      return (await tx.accountRequest.findUnique({ where, select }))?.status ?? null;
    case "CHANGE_REQUEST":
      return (await tx.changeRequest.findUnique({ where, select }))?.status ?? null;
    case "INSCRIPTION":
      return (await tx.inscription.findUnique({ where, select }))?.status ?? null;
    case "RESERVATION":
      return (await tx.reservation.findUnique({ where, select }))?.status ?? null;
    case "INVOICE":
      return (await tx.invoice.findUnique({ where, select }))?.status ?? null;
    case "PAYMENT":
      return (await tx.payment.findUnique({ where, select }))?.status ?? null;
    case "DOCUMENT":
      return (await tx.document.findUnique({ where, select }))?.status ?? null;
    case "MESSAGE_THREAD":
      return (await tx.messageThread.findUnique({ where, select }))?.status ?? null;
  }
}

/** What a decision records on the entity itself, for the machines whose rows keep it. */
interface Decision {
  decidedAt: Date;
  decidedById: string | null;
  reason: string | null;
}

/**
 * Writes the new status only if it is still `from` (compare-and-set), with the
 * decision (when, who, why) on the rows that keep one; returns the rows changed.
 */
async function compareAndSet(tx: Tx, machine: WorkflowMachine, id: string, from: string, to: string, decision: Decision): Promise<number> {
  // The casts are safe: `from` and `to` were checked against the machine's states.
  switch (machine) {
    case "USER_ACCOUNT":
      return (
        await tx.user.updateMany({
          where: { id, status: from as StatusByMachine["USER_ACCOUNT"] },
          data: { status: to as StatusByMachine["USER_ACCOUNT"] },
        })
      ).count;
    case "CHILD":
      return (
        await tx.child.updateMany({
          where: { id, status: from as StatusByMachine["CHILD"] },
          data: { status: to as StatusByMachine["CHILD"] },
        })
      ).count;
    case "ACCOUNT_REQUEST":
      return (
        await tx.accountRequest.updateMany({
          where: { id, status: from as StatusByMachine["ACCOUNT_REQUEST"] },
          data: { status: to as StatusByMachine["ACCOUNT_REQUEST"], ...decision },
        })
      ).count;
    case "CHANGE_REQUEST":
      return (
        await tx.changeRequest.updateMany({
          where: { id, status: from as StatusByMachine["CHANGE_REQUEST"] },
          data: { status: to as StatusByMachine["CHANGE_REQUEST"], ...decision },
        })
      ).count;
    case "INSCRIPTION":
      return (
        await tx.inscription.updateMany({
          where: { id, status: from as StatusByMachine["INSCRIPTION"] },
          // Leaving the waiting list leaves its rank too.
          data: { status: to as StatusByMachine["INSCRIPTION"], ...decision, ...(to === "WAITLISTED" ? {} : { waitlistRank: null }) },
        })
      ).count;
    case "RESERVATION":
      return (
        await tx.reservation.updateMany({
          where: { id, status: from as StatusByMachine["RESERVATION"] },
          // Leaving the waiting list leaves its rank too; the reason of an earlier decision stays until a new one.
          data: {
            status: to as StatusByMachine["RESERVATION"],
            decidedAt: decision.decidedAt,
            decidedById: decision.decidedById,
            ...(decision.reason ? { reason: decision.reason } : {}),
            ...(to === "WAITLISTED" ? {} : { waitlistRank: null }),
          },
        })
      ).count;
    case "INVOICE":
      return (
        await tx.invoice.updateMany({
          where: { id, status: from as StatusByMachine["INVOICE"] },
          data: { status: to as StatusByMachine["INVOICE"] },
        })
      ).count;
    case "PAYMENT":
      return (
        await tx.payment.updateMany({
          where: { id, status: from as StatusByMachine["PAYMENT"] },
          data: { status: to as StatusByMachine["PAYMENT"] },
        })
      ).count;
    case "DOCUMENT":
      return (
        await tx.document.updateMany({
          where: { id, status: from as StatusByMachine["DOCUMENT"] },
          data: { status: to as StatusByMachine["DOCUMENT"] },
        })
      ).count;
    case "MESSAGE_THREAD":
      return (
        await tx.messageThread.updateMany({
          where: { id, status: from as StatusByMachine["MESSAGE_THREAD"] },
          data: { status: to as StatusByMachine["MESSAGE_THREAD"] },
        })
      ).count;
  }
}

/**
 * « Cette demande est déjà « Validée » (par Claire MARTIN le 25/11/2026 à 10:02) »:
 * what happened meanwhile, from the log, rather than a vague « traitée par ailleurs ».
 */
async function staleError(tx: Tx, machine: WorkflowMachine, id: string): Promise<UserFacingError> {
  const last = await tx.transitionLog.findFirst({
    where: { machine, entityId: id },
    orderBy: { createdAt: "desc" },
    select: { fromStatus: true, toStatus: true, createdAt: true, actorRole: true, actor: { select: { displayName: true } } },
  });
  if (!last) return new StaleStatusError();
  const label = statusLabel(machine, last.toStatus as StatusByMachine[typeof machine]) ?? last.toStatus;
  const who = last.actor?.displayName ?? (last.actorRole === "SYSTEM" ? "le portail" : "la structure");
  // Never decided (still as created): the action simply does not apply to it.
  if (last.fromStatus === null) return new IllegalTransitionError(machine, last.toStatus, "?", "?");
  return new StaleStatusError(`« ${label} » (par ${who} le ${formatDateTime(last.createdAt)})`);
}

export interface TransitionInput<M extends WorkflowMachine> {
  machine: M;
  id: string;
  to: StatusByMachine[M];
  actor: Actor;
  reason?: string;
  /** When given, the transition only happens from this status (what the screen showed, or what was read under a lock). */
  expectedFrom?: StatusByMachine[M];
  /** When the decision happens (tests pass a fixed clock). */
  now?: Date;
}

/**
 * The one way a status changes: checks the rule, writes the status only if it
 * has not changed meanwhile, and logs who, when and why. Run it inside the
 * caller's transaction so that the decision, its side effects (e-mail outbox…)
 * and the log commit together.
 */
export async function applyTransition<M extends WorkflowMachine>(
  tx: Tx,
  input: TransitionInput<M>,
): Promise<{ from: StatusByMachine[M]; to: StatusByMachine[M] }> {
  const { machine, id, to, actor, reason } = input;
  const from = (await currentStatus(tx, machine, id)) as StatusByMachine[M] | null;
  if (from === null) throw new NotFoundError();
  if (input.expectedFrom !== undefined && input.expectedFrom !== from) throw await staleError(tx, machine, id);
  // Decided already (a second click, another staff member): the actor could make this move from
  // another status, not from this one — say what happened rather than « impossible ».
  if (!canTransition(machine, from, to, actor.kind) && couldFromElsewhere(machine, to, actor.kind)) throw await staleError(tx, machine, id);
  check(machine, from, to, actor, reason);
  const decision = { decidedAt: input.now ?? new Date(), decidedById: actor.userId, reason: reason?.trim() || null };
  if ((await compareAndSet(tx, machine, id, from, to, decision)) !== 1) throw await staleError(tx, machine, id);
  await log(tx, machine, id, from, to, actor, reason);
  return { from, to };
}

/**
 * The same move for many reservations at once (a month billed: every cell of a family → F): each rule checked,
 * one compare-and-set per status left, one insert for the log. All of them move, or none (the caller's
 * transaction is rolled back when one changed meanwhile).
 */
export async function applyReservationTransitions(
  tx: Tx,
  input: {
    rows: { id: string; from: StatusByMachine["RESERVATION"] }[];
    to: StatusByMachine["RESERVATION"];
    actor: Actor;
    reason?: string;
    now?: Date;
  },
): Promise<void> {
  const byFrom = new Map<StatusByMachine["RESERVATION"], string[]>();
  for (const row of input.rows) {
    check("RESERVATION", row.from, input.to, input.actor, input.reason);
    byFrom.set(row.from, [...(byFrom.get(row.from) ?? []), row.id]);
  }
  const decidedAt = input.now ?? new Date();
  // Set by set in SQL (a month's billing moves tens of thousands of cells): one compare-and-set per starting status.
  for (const [from, ids] of byFrom) {
    const count = await tx.$executeRaw`
      UPDATE "Reservation" SET "status" = ${input.to}::"ReservationStatus", "decidedAt" = ${decidedAt}::timestamp(3), "decidedById" = ${input.actor.userId},
        "waitlistRank" = NULL, "reason" = COALESCE(${input.reason ?? null}, "reason"), "updatedAt" = ${decidedAt}::timestamp(3)
      WHERE "id" = ANY(${ids}) AND "status" = ${from}::"ReservationStatus"`;
    if (count !== ids.length) throw new StaleStatusError();
  }
  await logMany(
    tx,
    "RESERVATION",
    input.rows.map((row) => ({ entityId: row.id, from: row.from })),
    input.to,
    input.actor,
    input.reason,
    decidedAt,
  );
}

/** Many log rows in one statement (each with its own id), for the batch transitions. */
async function logMany(
  tx: Tx,
  machine: WorkflowMachine,
  rows: { entityId: string; from: string | null }[],
  to: string,
  actor: Actor,
  reason: string | undefined,
  at: Date,
) {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "TransitionLog" ("id", "machine", "entityId", "fromStatus", "toStatus", "actorId", "actorRole", "reason", "createdAt")
    SELECT gen_random_uuid()::text, ${machine}::"WorkflowMachine", t.entity, t.origin, ${to}, ${actor.userId}, ${actor.label}, ${reason?.trim() || null}, ${at}::timestamp(3)
    FROM unnest(${rows.map((r) => r.entityId)}::text[], ${rows.map((r) => r.from)}::text[]) AS t(entity, origin)`;
}

function couldFromElsewhere(machine: WorkflowMachine, to: string, actor: ActorKind): boolean {
  return (machines[machine].rules as readonly TransitionRule<string>[]).some(
    (rule) => rule.from !== null && rule.to === to && rule.by.includes(actor),
  );
}

/**
 * The one way an entity is created in a status: the machine's rule is checked
 * before anything is written, then `insert` runs and the creation is logged,
 * in the caller's transaction.
 */
export async function createWithStatus<M extends WorkflowMachine, R extends { id: string }>(
  tx: Tx,
  input: { machine: M; status: StatusByMachine[M]; actor: Actor; reason?: string },
  insert: () => Promise<R>,
): Promise<R> {
  check(input.machine, null, input.status, input.actor, input.reason);
  const created = await insert();
  await log(tx, input.machine, created.id, null, input.status, input.actor, input.reason);
  return created;
}

/** `createWithStatus` for many rows at once (a month's invoices): the rule checked once, one insert, one log insert. */
export async function createManyWithStatus<M extends WorkflowMachine, R extends { id: string }>(
  tx: Tx,
  input: { machine: M; status: StatusByMachine[M]; actor: Actor; reason?: string },
  insert: () => Promise<R[]>,
): Promise<R[]> {
  check(input.machine, null, input.status, input.actor, input.reason);
  const created = await insert();
  await logMany(
    tx,
    input.machine,
    created.map((row) => ({ entityId: row.id, from: null })),
    input.status,
    input.actor,
    input.reason,
    new Date(),
  );
  return created;
}

/**
 * The gate of SPEC.md, opened once for a send: the inscriptions' rows are
 * locked (a cancellation of the inscription cannot slip in before the commit)
 * and each must be VALIDATED. Only a gate lets `createReservationAs` write, so
 * no reservation can be created outside a validated inscription.
 */
export interface ReservationGate {
  readonly inscriptions: ReadonlyMap<string, { startDate: Date; endDate: Date; unitIds: ReadonlySet<string> }>;
  readonly opened: true;
}

export async function openReservationGate(tx: Tx, inscriptionIds: string[]): Promise<ReservationGate> {
  const ids = [...new Set(inscriptionIds)];
  // Locked in the order of their ids: two sends never wait for each other in a circle.
  const rows = await lockInscriptions(tx, ids);
  if (rows.length !== ids.length) throw new NotFoundError();
  if (rows.some((r) => r.status !== "VALIDATED")) throw new InscriptionNotValidatedError();
  return {
    opened: true,
    inscriptions: new Map(
      rows.map((r) => [
        r.id,
        {
          startDate: r.startDate,
          endDate: r.endDate,
          unitIds: new Set(r.unitIds),
        },
      ]),
    ),
  };
}

/**
 * Creates a reservation through a gate, already in the status its story ends
 * with (e.g. DR sent by the parent → R by the system's automatic validation),
 * each step checked against the machine and logged: one insert and one log
 * write, so that the place's lock is held as briefly as possible.
 */
export async function createReservationAs(
  tx: Tx,
  gate: ReservationGate,
  input: {
    inscriptionId: string;
    timeUnitId: string;
    date: Date;
    steps: { to: StatusByMachine["RESERVATION"]; actor: Actor; reason?: string }[];
    waitlistRank?: number | null;
    /** The foyer that has the day (a shared child, ADR 051); null for a child of one foyer. */
    foyerId?: string | null;
    now?: Date;
  },
): Promise<{ id: string }> {
  const inscription = gate.inscriptions.get(input.inscriptionId);
  if (!inscription) throw new NotFoundError();
  if (input.date < inscription.startDate || input.date > inscription.endDate)
    throw new UserFacingError("Ce jour est en dehors des dates de l'inscription.");
  if (!inscription.unitIds.has(input.timeUnitId)) throw new NotFoundError();
  let from: StatusByMachine["RESERVATION"] | null = null;
  for (const step of input.steps) {
    check("RESERVATION", from, step.to, step.actor, step.reason);
    from = step.to;
  }
  const last = input.steps[input.steps.length - 1];
  if (!last) throw new Error("createReservationAs: aucune étape");
  const now = input.now ?? new Date();
  // The reservation and its log in one statement (one round trip under the slot's lock, ADR 041); ids as the
  // timestamps as the query builder sets them, ids as opaque random strings (the log finds its row by this id).
  const id = createId();
  let previous: string | null = null;
  const log = input.steps.map((step, i) => {
    const row = {
      id: createId(),
      fromStatus: previous,
      toStatus: step.to as string,
      actorId: step.actor.userId,
      actorRole: step.actor.label,
      reason: step.reason?.trim() || null,
      createdAt: new Date(now.getTime() + i),
    };
    previous = step.to;
    return row;
  });
  await tx.$executeRaw`
    WITH created AS (
      INSERT INTO "Reservation" ("id", "inscriptionId", "timeUnitId", "date", "status", "reason", "waitlistRank", "foyerId", "decidedAt", "createdAt", "updatedAt")
      VALUES (${id}, ${input.inscriptionId}, ${input.timeUnitId}, ${input.date}::date, ${last.to}::"ReservationStatus", ${last.reason?.trim() || null},
              ${last.to === "WAITLISTED" ? (input.waitlistRank ?? null) : null}::int, ${input.foyerId ?? null}::text, ${input.steps.length > 1 ? now : null}::timestamp(3), ${now}::timestamp(3), ${now}::timestamp(3))
      RETURNING "id"
    )
    INSERT INTO "TransitionLog" ("id", "machine", "entityId", "fromStatus", "toStatus", "actorId", "actorRole", "reason", "createdAt")
    SELECT l."id", 'RESERVATION'::"WorkflowMachine", created."id", l."fromStatus", l."toStatus", l."actorId", l."actorRole", l."reason", l."createdAt"
    FROM created, json_to_recordset(${JSON.stringify(log)}::json)
      AS l("id" text, "fromStatus" text, "toStatus" text, "actorId" text, "actorRole" text, "reason" text, "createdAt" timestamp(3))`;
  return { id };
}

export interface NewReservation {
  inscriptionId: string;
  timeUnitId: string;
  /** A calendar date (UTC midnight of the day in Europe/Paris). */
  date: Date;
  status: StatusByMachine["RESERVATION"];
}

/**
 * One reservation through its own gate (staff at the desk, tests): a VALIDATED
 * inscription, a day within its dates, a unit of its activity, the inscription
 * locked until the commit. The rule is checked before anything is read.
 */
export async function createReservation(tx: Tx, input: NewReservation, actor: Actor): Promise<{ id: string }> {
  check("RESERVATION", null, input.status, actor, undefined);
  const gate = await openReservationGate(tx, [input.inscriptionId]);
  return createReservationAs(tx, gate, {
    inscriptionId: input.inscriptionId,
    timeUnitId: input.timeUnitId,
    date: input.date,
    steps: [{ to: input.status, actor }],
  });
}
