import "server-only";
import { db, isPrismaError } from "@/lib/db";
import { dateOf, firstOf, isMonth } from "@/lib/calendar/paris";
import { UserFacingError } from "@/lib/errors";
import { formatMonth, formatTime } from "@/lib/format";
import { NotFoundError, type Actor } from "@/lib/workflow";
import { assertMonthEnded, assertOpen, generateMonth } from "./generate-month";

/*
 * « Générer le mois » for thousands of families runs in the background: the
 * action records a run and returns at once; the run writes its progress after
 * each batch (the page's progress bar reads it) and its summary at the end. One
 * run at a time per structure and month (`runningKey`, unique, cleared when the run ends).
 * Each batch commits on its own, so a run stopped half-way (a restart) is simply
 * started again: what was billed is not billed twice.
 */

/** A run that has not moved for this long was stopped (the server restarted): it no longer blocks a new one. */
const STALE_MS = 5 * 60_000;

export async function startBillingRun(input: { structureId: string; month: string; actor: Actor; now?: Date }): Promise<{ id: string }> {
  if (!isMonth(input.month)) throw new UserFacingError("Mois invalide.");
  assertMonthEnded(input.month, input.now ?? new Date());
  const structure = await db.structure.findUnique({ where: { id: input.structureId }, select: { id: true } });
  if (!structure) throw new NotFoundError();
  const month = dateOf(firstOf(input.month));
  await assertOpen(db, input.structureId, input.month);
  await db.billingRun.updateMany({
    where: { structureId: input.structureId, month, status: "RUNNING", updatedAt: { lt: new Date(Date.now() - STALE_MS) } },
    data: { status: "FAILED", runningKey: null, error: "Génération interrompue (redémarrage du serveur) : relancez-la, rien ne sera facturé deux fois.", finishedAt: new Date() },
  });
  try {
    return await db.billingRun.create({ data: { structureId: input.structureId, month, runningKey: `${input.structureId}|${input.month}`, startedById: input.actor.userId }, select: { id: true } });
  } catch (error) {
    if (!isPrismaError(error, "P2002")) throw error;
    const running = await db.billingRun.findFirst({ where: { structureId: input.structureId, month, status: "RUNNING" }, select: { startedAt: true } });
    throw new UserFacingError(`Une génération de ${formatMonth(input.month)} est déjà en cours${running ? ` (lancée à ${formatTime(running.startedAt)})` : ""} : suivez sa progression ci-dessus.`);
  }
}

/** Runs a recorded run to its end; its outcome (summary or failure) is written to it, never thrown. */
export async function runBillingRun(runId: string, actor: Actor, now?: Date): Promise<void> {
  const run = await db.billingRun.findUniqueOrThrow({ where: { id: runId }, select: { structureId: true, month: true, status: true } });
  if (run.status !== "RUNNING") return;
  try {
    const summary = await generateMonth({
      structureId: run.structureId, month: run.month.toISOString().slice(0, 7), actor, now,
      onProgress: async (done, total) => {
        await db.billingRun.update({ where: { id: runId }, data: { done, total } });
      },
    });
    await db.billingRun.update({
      where: { id: runId },
      data: {
        status: "DONE", runningKey: null, finishedAt: new Date(), invoices: summary.invoices, totalCents: summary.totalCents,
        firstNumber: summary.numbers[0] ?? null, lastNumber: summary.numbers.at(-1) ?? null, familiesWithoutLines: summary.familiesWithoutLines,
      },
    });
  } catch (error) {
    // A refusal (the month closed meanwhile) is said as it is; anything else is a technical failure, said as one.
    const message = error instanceof UserFacingError ? error.message : "Erreur technique pendant la génération : relancez-la ; ce qui est déjà facturé ne le sera pas deux fois.";
    if (!(error instanceof UserFacingError)) console.error("[facturation] génération interrompue", error);
    await db.billingRun.update({ where: { id: runId }, data: { status: "FAILED", runningKey: null, error: message, finishedAt: new Date() } });
  }
}

/** The last run of the structure's month, for the progress bar and the summary. */
export function lastBillingRun(structureId: string, month: string) {
  return db.billingRun.findFirst({
    where: { structureId, month: dateOf(firstOf(month)) },
    orderBy: { startedAt: "desc" },
    select: { id: true, status: true, total: true, done: true, invoices: true, totalCents: true, firstNumber: true, lastNumber: true, familiesWithoutLines: true, error: true, startedAt: true, finishedAt: true },
  });
}
