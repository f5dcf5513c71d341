import "server-only";
import { startHeartbeat } from "@/lib/heartbeat";
import { db, isPrismaError, type Tx } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { formatTime } from "@/lib/format";
import { HEARTBEAT_MS, STALE_MS } from "@/lib/billing/run-billing";
import { IMPORT_RUN_STATUSES, isIn, NotFoundError, type Actor } from "@/lib/workflow";
import type { ImportFileKind } from "./columns";
import { batchesOf, IMPORT_BATCH, loadCatalog, type LineAction, type ReportLine } from "./plan-import";
import { parseImportFiles } from "./parse-rows";
import { applyBatches, checkImport, type ImportFiles, type ImportReport } from "./run-import";

/*
 * « Importer » from /admin/import runs in the background, like the billing runs (lib/billing/run-billing.ts): the
 * action checks the files (the dry run: an error and nothing starts), records a run with the files and its number
 * of batches, and returns; the run writes batch by batch, each batch counting itself (done, lines per action) in
 * its own transaction, which the page's progress bar reads — from any server. One import at a time (`runningKey`).
 * The process running it beats every HEARTBEAT_MS; a RUNNING run silent for STALE_MS is dead (its server stopped)
 * and « Reprendre » goes on from its first batch not written: the batches written committed with their count, and
 * each batch is planned again under its locks, so nothing is written twice. The files are emptied when it ends.
 */

const RUNNING_KEY = "import";
const KINDS: ImportFileKind[] = ["familles", "enfants", "inscriptions"];

type Counts = Partial<Record<ImportFileKind, Partial<Record<LineAction, number>>>>;

const isDead = (run: { status: string; heartbeatAt: Date }, now = Date.now()) =>
  isIn(IMPORT_RUN_STATUSES.RUNNING, run.status) && run.heartbeatAt.getTime() < now - STALE_MS;

/**
 * Checks the files and, when no line has an error, records a run that will write them. Returns the check's report
 * (with its errors, and no run, when there are any).
 */
export async function startImportRun(input: {
  files: ImportFiles;
  actor: Actor;
  batchSize?: number;
}): Promise<{ report: ImportReport; run: { id: string; total: number } | null }> {
  const batchSize = input.batchSize ?? IMPORT_BATCH;
  // Said before the check (seconds for 10 000 families); the unique key still decides between two starts at once.
  await refuseWhileRunning();
  const { dry } = await checkImport(input.files, batchSize);
  if (dry.errorCount > 0) return { report: dry, run: null };
  const bytes = (kind: ImportFileKind) => (input.files[kind] ? Buffer.from(input.files[kind]) : null);
  try {
    const run = await db.importRun.create({
      data: {
        runningKey: RUNNING_KEY,
        familles: bytes("familles"),
        enfants: bytes("enfants"),
        inscriptions: bytes("inscriptions"),
        batchSize,
        total: dry.batches,
        startedById: input.actor.userId,
      },
      select: { id: true, total: true },
    });
    return { report: dry, run };
  } catch (error) {
    if (!isPrismaError(error, "P2002")) throw error;
    await refuseWhileRunning();
    throw new UserFacingError("Un import est déjà en cours : suivez sa progression ci-dessus.");
  }
}

/** Another import holds the key: alive, follow it; dead, resume it. */
async function refuseWhileRunning(): Promise<void> {
  const running = await db.importRun.findFirst({
    where: { runningKey: RUNNING_KEY },
    select: { status: true, startedAt: true, heartbeatAt: true },
  });
  if (!running) return;
  if (isDead(running))
    throw new UserFacingError(
      "L'import précédent a été interrompu (le serveur s'est arrêté) : cliquez sur « Reprendre » pour le terminer ; rien ne sera importé deux fois.",
    );
  throw new UserFacingError(`Un import est déjà en cours (lancé à ${formatTime(running.startedAt)}) : suivez sa progression ci-dessus.`);
}

/** « Reprendre »: takes over a dead run in one statement (two clicks at once: one resumes, the other is told). */
export async function resumeImportRun(input: { runId: string; now?: Date }): Promise<{ id: string }> {
  const now = input.now ?? new Date();
  const claimed = await db.importRun.updateMany({
    where: { id: input.runId, status: "RUNNING", heartbeatAt: { lt: new Date(now.getTime() - STALE_MS) } },
    data: { heartbeatAt: now },
  });
  const run = await db.importRun.findUnique({ where: { id: input.runId }, select: { id: true, status: true } });
  if (!run) throw new NotFoundError();
  if (claimed.count === 1) return { id: run.id };
  if (isIn(IMPORT_RUN_STATUSES.RUNNING, run.status)) throw new UserFacingError("L'import est en cours : suivez sa progression ci-dessus.");
  throw new UserFacingError("L'import est déjà terminé.");
}

function addCounts(counts: Counts, lines: ReportLine[]): Counts {
  const next: Counts = structuredClone(counts);
  for (const line of lines) {
    const file = (next[line.file] ??= {});
    file[line.action] = (file[line.action] ?? 0) + 1;
  }
  return next;
}

export interface ImportRunOptions {
  /** Stops between two batches as a stopped server would: the run stays RUNNING, its heartbeat stops. */
  signal?: AbortSignal;
  heartbeatMs?: number;
}

/** Runs a recorded run (new or resumed) to its end; its outcome (counts or failure) is written to it, never thrown. */
export async function runImportRun(runId: string, actor: Actor, options: ImportRunOptions = {}): Promise<"DONE" | "FAILED" | "STOPPED"> {
  const run = await db.importRun.findUniqueOrThrow({ where: { id: runId } });
  if (!isIn(IMPORT_RUN_STATUSES.RUNNING, run.status)) return "STOPPED";
  const beat = () =>
    db.importRun
      .updateMany({ where: { id: runId, status: "RUNNING" }, data: { heartbeatAt: new Date() } })
      .catch((error: unknown) => console.error("[import] battement de cœur non écrit", error));
  const heart = await startHeartbeat(beat, options.heartbeatMs ?? HEARTBEAT_MS);
  let counts = (run.counts ?? {}) as Counts;
  const files: ImportFiles = {};
  for (const kind of KINDS) if (run[kind]) files[kind] = new Uint8Array(run[kind]);
  try {
    const batches = batchesOf(parseImportFiles(files), run.batchSize);
    const catalog = await loadCatalog(db);
    const inBatch = async (tx: Tx, lines: ReportLine[]) => {
      const next = addCounts(counts, lines);
      await tx.$executeRaw`
        UPDATE "ImportRun" SET "done" = "done" + 1, "counts" = ${JSON.stringify(next)}::jsonb, "heartbeatAt" = ${new Date()}::timestamp(3),
          "updatedAt" = ${new Date()}::timestamp(3)
        WHERE "id" = ${runId}`;
      counts = next;
    };
    const { stopped } = await applyBatches({ batches, catalog, actor, now: new Date(), from: run.done, signal: options.signal, inBatch });
    if (stopped) return "STOPPED";
    await db.importRun.updateMany({
      where: { id: runId, status: "RUNNING" },
      data: { status: "DONE", runningKey: null, finishedAt: new Date(), familles: null, enfants: null, inscriptions: null },
    });
    return "DONE";
  } catch (error) {
    const message =
      error instanceof UserFacingError
        ? error.message
        : "Erreur technique pendant l'import : relancez-le avec les mêmes fichiers ; ce qui est déjà importé sera « inchangé ».";
    if (!(error instanceof UserFacingError)) console.error("[import] run interrompu", error);
    await db.importRun.update({
      where: { id: runId },
      data: {
        status: "FAILED",
        runningKey: null,
        error: message,
        finishedAt: new Date(),
        familles: null,
        enfants: null,
        inscriptions: null,
      },
    });
    return "FAILED";
  } finally {
    await heart.stop();
  }
}

/** The last import run, for the progress bar and its summary; `interrupted`: its server stopped. */
export async function lastImportRun(now = new Date()) {
  const run = await db.importRun.findFirst({
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      status: true,
      total: true,
      done: true,
      counts: true,
      error: true,
      heartbeatAt: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  if (!run) return null;
  return { ...run, counts: run.counts as Counts, interrupted: isDead(run, now.getTime()) };
}

export type ImportRunView = NonNullable<Awaited<ReturnType<typeof lastImportRun>>>;
