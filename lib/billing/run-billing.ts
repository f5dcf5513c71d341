import "server-only";
import { startHeartbeat } from "@/lib/heartbeat";
import { assertStructureInScope, type StaffScope } from "@/lib/auth/staff-scope";
import { db, isPrismaError, type Tx } from "@/lib/db";
import { dateOf, firstOf, isMonth } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import { deMonth, formatTime } from "@/lib/format";
import { actorFromUser, actorScope, NotFoundError, SYSTEM, type Actor, BILLING_RUN_STATUSES, isIn } from "@/lib/workflow";
import { assertMonthEnded, assertOpen, generateMonth, issueMonth } from "./generate-month";

/*
 * « Générer le mois » and « Envoyer les factures » for thousands of families run
 * in the background: the action records a run and returns at once; the run
 * counts its progress and its summary in each batch's own transaction (the page's
 * progress bar reads them). One run at a time per structure and month
 * (`runningKey`, unique, cleared when the run ends), whatever its kind.
 *
 * The process running a run writes its heartbeat every HEARTBEAT_MS. A RUNNING
 * run whose heartbeat is older than STALE_MS is dead (its server stopped): staff
 * see it interrupted and « Reprendre » resumes it at once. Resuming is safe
 * because each batch commits whole and re-reads what is left under its locks:
 * nobody is billed twice, numbers stay gapless, no e-mail is sent twice or lost.
 */

/** How often the running process says it is alive. */
export const HEARTBEAT_MS = 5_000;
/** A run whose heartbeat is older than this is dead: six beats missed, far beyond a slow query, short enough for staff. */
export const STALE_MS = 30_000;

type Kind = "GENERATE" | "ISSUE";
const WHAT: Record<Kind, { running: string; interrupted: string }> = {
  GENERATE: { running: "Une génération", interrupted: "La génération" },
  ISSUE: { running: "Un envoi des factures", interrupted: "L'envoi des factures" },
};

/**
 * The heartbeat of a run recorded by a server whose billing worker is off (BILLING_WORKER=off, a web server of a
 * « N web + one worker » installation): no process has taken it yet; a server with the worker on takes it
 * (takeQueuedBillingRun). If none does within STALE_MS, staff see it interrupted and « Reprendre » runs it.
 */
export const QUEUED_HEARTBEAT = new Date(0);
const isQueued = (run: { heartbeatAt: Date }) => run.heartbeatAt.getTime() === QUEUED_HEARTBEAT.getTime();

/** Does this server run the runs it records (the default), or leave them to a worker server? */
export const runsBillingHere = () => process.env.BILLING_WORKER !== "off";

const isDead = (run: { status: string; heartbeatAt: Date; startedAt: Date }, now = Date.now()) =>
  isIn(BILLING_RUN_STATUSES.RUNNING, run.status) && (isQueued(run) ? run.startedAt.getTime() : run.heartbeatAt.getTime()) < now - STALE_MS;

/** Records a run, refused while another run of the month holds its key (alive: follow it; dead: resume it). */
async function createRun(input: {
  structureId: string;
  month: string;
  kind: Kind;
  dueDate?: string;
  total?: number;
  actor: Actor;
}): Promise<{ id: string }> {
  const month = dateOf(firstOf(input.month));
  try {
    return await db.billingRun.create({
      data: {
        structureId: input.structureId,
        month,
        kind: input.kind,
        dueDate: input.dueDate ? dateOf(input.dueDate) : null,
        total: input.total ?? 0,
        runningKey: `${input.structureId}|${input.month}`,
        startedById: input.actor.userId,
        ...(runsBillingHere() ? {} : { heartbeatAt: QUEUED_HEARTBEAT }),
      },
      select: { id: true },
    });
  } catch (error) {
    if (!isPrismaError(error, "P2002")) throw error;
    const running = await db.billingRun.findFirst({
      where: { structureId: input.structureId, month, status: "RUNNING" },
      select: { kind: true, startedAt: true, heartbeatAt: true, status: true },
    });
    if (running && isDead(running) && isQueued(running)) {
      throw new UserFacingError(
        `${WHAT[running.kind].interrupted} ${deMonth(input.month)} n'a pas commencé (aucun serveur de traitement ne l'a pris${running.kind === "GENERATE" ? "e" : ""}) : cliquez sur « Reprendre » pour ${running.kind === "GENERATE" ? "la" : "le"} lancer ici ; rien ne sera fait deux fois.`,
      );
    }
    if (running && isDead(running)) {
      throw new UserFacingError(
        `${WHAT[running.kind].interrupted} ${deMonth(input.month)} a été interrompu${running.kind === "GENERATE" ? "e" : ""} (le serveur s'est arrêté) : cliquez sur « Reprendre » pour ${running.kind === "GENERATE" ? "la" : "le"} terminer ; rien ne sera fait deux fois.`,
      );
    }
    throw new UserFacingError(
      `${WHAT[running?.kind ?? input.kind].running} ${deMonth(input.month)} est déjà en cours${running ? ` (lancé${running.kind === "GENERATE" ? "e" : ""} à ${formatTime(running.startedAt)})` : ""} : suivez sa progression ci-dessus.`,
    );
  }
}

export async function startBillingRun(input: { structureId: string; month: string; actor: Actor; now?: Date }): Promise<{ id: string }> {
  if (!isMonth(input.month)) throw new UserFacingError("Mois invalide.");
  assertMonthEnded(input.month, input.now ?? new Date());
  assertStructureInScope(actorScope(input.actor), input.structureId);
  const structure = await db.structure.findUnique({ where: { id: input.structureId }, select: { id: true } });
  if (!structure) throw new NotFoundError();
  await assertOpen(db, input.structureId, input.month);
  return createRun({ ...input, kind: "GENERATE" });
}

/** « Envoyer les factures »: a run that issues the month's drafts in the background; how many it will send. */
export async function startIssueRun(input: {
  structureId: string;
  month: string;
  dueDate: string;
  actor: Actor;
}): Promise<{ id: string; drafts: number }> {
  if (!isMonth(input.month)) throw new UserFacingError("Mois invalide.");
  assertStructureInScope(actorScope(input.actor), input.structureId);
  const structure = await db.structure.findUnique({ where: { id: input.structureId }, select: { id: true } });
  if (!structure) throw new NotFoundError();
  const drafts = await db.invoice.count({
    where: { structureId: input.structureId, month: dateOf(firstOf(input.month)), status: "DRAFT" },
  });
  if (drafts === 0) throw new UserFacingError("Aucune facture à envoyer.");
  const run = await createRun({ ...input, kind: "ISSUE", total: drafts });
  return { ...run, drafts };
}

/**
 * « Reprendre »: takes over a dead run of the structure, in one statement (two agents clicking at once: one resumes,
 * the other is told it is under way). The caller then runs it.
 */
export async function resumeBillingRun(input: {
  runId: string;
  structureId: string;
  scope: StaffScope;
  now?: Date;
}): Promise<{ id: string; kind: Kind; month: string }> {
  assertStructureInScope(input.scope, input.structureId);
  const now = input.now ?? new Date();
  const claimed = await db.billingRun.updateMany({
    where: { id: input.runId, structureId: input.structureId, status: "RUNNING", heartbeatAt: { lt: new Date(now.getTime() - STALE_MS) } },
    data: { heartbeatAt: now },
  });
  const run = await db.billingRun.findFirst({
    where: { id: input.runId, structureId: input.structureId },
    select: { id: true, kind: true, month: true, status: true },
  });
  if (!run) throw new NotFoundError();
  if (claimed.count === 1) return { id: run.id, kind: run.kind, month: run.month.toISOString().slice(0, 7) };
  const what = WHAT[run.kind].interrupted;
  const feminine = run.kind === "GENERATE" ? "e" : "";
  if (isIn(BILLING_RUN_STATUSES.RUNNING, run.status))
    throw new UserFacingError(`${what} ${deMonth(run.month.toISOString().slice(0, 7))} est en cours : suivez sa progression ci-dessus.`);
  throw new UserFacingError(`${what} ${deMonth(run.month.toISOString().slice(0, 7))} est déjà terminé${feminine}.`);
}

/**
 * The run's counters, in the batch's own transaction: a batch and its count commit together, or neither does.
 * The heartbeat is the application's clock, as every other write and every reading of it (isDead), never SQL's now().
 */
function countBatch(tx: Tx, runId: string, batch: { done: number; invoices: number; totalCents: number; first?: string; last?: string }) {
  return tx.$executeRaw`
    UPDATE "BillingRun" SET
      "done" = LEAST("total", "done" + ${batch.done}), "invoices" = "invoices" + ${batch.invoices}, "totalCents" = "totalCents" + ${batch.totalCents},
      "firstNumber" = LEAST("firstNumber", ${batch.first ?? null}::text),
      "lastNumber" = GREATEST("lastNumber", ${batch.last ?? null}::text),
      "heartbeatAt" = ${new Date()}, "updatedAt" = now()
    WHERE "id" = ${runId}`;
}

export interface RunOptions {
  /** The billing day (tests pass a fixed clock). */
  now?: Date;
  /** Stops between two batches as a stopped server would: the run stays RUNNING, its heartbeat stops, it can be resumed. */
  signal?: AbortSignal;
  batchSize?: number;
  heartbeatMs?: number;
}

/** Runs a recorded run (new or resumed) to its end; its outcome (summary or failure) is written to it, never thrown. */
export async function runBillingRun(runId: string, actor: Actor, options: RunOptions = {}): Promise<void> {
  const run = await db.billingRun.findUniqueOrThrow({
    where: { id: runId },
    select: { structureId: true, month: true, kind: true, dueDate: true, status: true },
  });
  if (!isIn(BILLING_RUN_STATUSES.RUNNING, run.status)) return;
  const month = run.month.toISOString().slice(0, 7);
  const beat = () =>
    db.billingRun
      .updateMany({ where: { id: runId, status: "RUNNING" }, data: { heartbeatAt: new Date() } })
      .catch((error: unknown) => console.error("[facturation] battement de cœur non écrit", error));
  const heart = await startHeartbeat(beat, options.heartbeatMs ?? HEARTBEAT_MS);
  // What is left, on top of what a previous (stopped) process did already.
  const onStart = async (left: number) => {
    await db.$executeRaw`UPDATE "BillingRun" SET "total" = "done" + ${left} WHERE "id" = ${runId}`;
  };
  const hooks = { signal: options.signal, batchSize: options.batchSize, onStart };
  try {
    if (run.kind === "GENERATE") {
      const summary = await generateMonth({
        structureId: run.structureId,
        month,
        actor,
        now: options.now,
        ...hooks,
        inBatch: (tx, batch) =>
          countBatch(tx, runId, {
            done: batch.families,
            invoices: batch.invoices.length,
            totalCents: batch.invoices.reduce((sum, i) => sum + i.totalCents, 0),
            first: batch.invoices[0]?.number,
            last: batch.invoices.at(-1)?.number,
          }),
      });
      if (summary.stopped) return;
      await db.billingRun.updateMany({
        where: { id: runId, status: "RUNNING" },
        data: { status: "DONE", runningKey: null, finishedAt: new Date(), familiesWithoutLines: summary.familiesWithoutLines },
      });
    } else {
      const summary = await issueMonth({
        structureId: run.structureId,
        month,
        dueDate: run.dueDate!.toISOString().slice(0, 10),
        actor,
        ...hooks,
        inBatch: (tx, batch) =>
          countBatch(tx, runId, {
            done: batch.issued.length,
            invoices: batch.issued.length,
            totalCents: batch.issued.reduce((sum, i) => sum + i.totalCents, 0),
          }),
      });
      if (summary.stopped) return;
      await db.billingRun.updateMany({
        where: { id: runId, status: "RUNNING" },
        data: { status: "DONE", runningKey: null, finishedAt: new Date() },
      });
    }
  } catch (error) {
    // A refusal (the month closed meanwhile) is said as it is; anything else is a technical failure, said as one.
    const what =
      run.kind === "GENERATE"
        ? "la génération : relancez-la ; ce qui est déjà facturé ne le sera pas deux fois."
        : "l'envoi des factures : relancez-le ; les factures déjà envoyées ne le seront pas deux fois.";
    const message = error instanceof UserFacingError ? error.message : `Erreur technique pendant ${what}`;
    if (!(error instanceof UserFacingError)) console.error("[facturation] run interrompu", error);
    await db.billingRun.update({
      where: { id: runId },
      data: { status: "FAILED", runningKey: null, error: message, finishedAt: new Date() },
    });
  } finally {
    await heart.stop();
  }
}

/**
 * The last run of the structure's month, for the progress bar and the summary; `interrupted`: its server stopped, or
 * no worker server took it (`taken` false: it never started, and it has no heartbeat to show).
 */
export async function lastBillingRun(structureId: string, month: string, now = new Date()) {
  const run = await db.billingRun.findFirst({
    where: { structureId, month: dateOf(firstOf(month)) },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      kind: true,
      status: true,
      total: true,
      done: true,
      invoices: true,
      totalCents: true,
      firstNumber: true,
      lastNumber: true,
      familiesWithoutLines: true,
      error: true,
      startedAt: true,
      finishedAt: true,
      heartbeatAt: true,
    },
  });
  return run
    ? { ...run, interrupted: isDead(run, now.getTime()), queued: isQueued(run) && !isDead(run, now.getTime()), taken: !isQueued(run) }
    : null;
}

/**
 * The billing worker's step: takes the oldest run no process has taken (recorded by a server whose worker is off), in
 * one compare-and-set on its heartbeat — of two workers, one takes it — and runs it to its end as the agent who
 * started it. Returns whether it ran one.
 */
export async function takeQueuedBillingRun(options: RunOptions = {}): Promise<boolean> {
  const candidate = await db.billingRun.findFirst({
    where: { status: "RUNNING", heartbeatAt: QUEUED_HEARTBEAT },
    orderBy: { startedAt: "asc" },
    select: { id: true, startedById: true },
  });
  if (!candidate) return false;
  const taken = await db.billingRun.updateMany({
    where: { id: candidate.id, status: "RUNNING", heartbeatAt: QUEUED_HEARTBEAT },
    data: { heartbeatAt: new Date() },
  });
  if (taken.count !== 1) return false;
  const starter = candidate.startedById
    ? await db.user.findUnique({ where: { id: candidate.startedById }, select: { id: true, role: true } })
    : null;
  await runBillingRun(candidate.id, starter ? actorFromUser(starter) : SYSTEM, options);
  return true;
}
