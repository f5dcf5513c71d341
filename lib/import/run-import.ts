import "server-only";
import { db, isUniqueViolation, transaction, type Tx } from "@/lib/db";
import { lockFamilies, lockInscriptionPlaces } from "@/lib/locks";
import type { Actor } from "@/lib/workflow";
import { UserFacingError } from "@/lib/errors";
import type { ImportFileKind } from "./columns";
import { parseImportFiles, type ParsedImport } from "./parse-rows";
import {
  batchesOf,
  loadCatalog,
  planBatch,
  resolvePlace,
  type Catalog,
  type ImportBatch,
  type LineAction,
  type ReportLine,
} from "./plan-import";
import { writeBatch } from "./write-batch";

/*
 * « Importer les familles »: a dry run (the plan, nothing written), or the same plan applied batch by batch,
 * each batch in its own transaction under its families' locks and planned again there. A crash between two
 * batches leaves whole batches: running the same files again finds them « inchangé » and goes on (ADR 028).
 */

export const IMPORT_REASON = "Import des familles";

export type ImportFiles = Partial<Record<ImportFileKind, Uint8Array>>;

export interface ImportReport {
  applied: boolean;
  files: ParsedImport["files"];
  /** Every line with an action or an error, files in order (familles, enfants, inscriptions), lines in order. */
  lines: ReportLine[];
  counts: Record<ImportFileKind, Record<LineAction, number>>;
  errorCount: number;
  batches: number;
}

const FILE_ORDER: ImportFileKind[] = ["familles", "enfants", "inscriptions"];

export function report(parsed: ParsedImport, planned: ReportLine[], applied: boolean, batches: number): ImportReport {
  const issuesByLine = new Map<string, ReportLine>();
  for (const issue of parsed.issues) {
    const key = `${issue.file}:${issue.line}`;
    const line = issuesByLine.get(key) ?? {
      file: issue.file,
      line: issue.line,
      label: "",
      action: "ERROR" as const,
      changes: [],
      errors: [],
    };
    line.errors.push({ column: issue.column, message: issue.message });
    issuesByLine.set(key, line);
  }
  const lines = [...planned, ...issuesByLine.values()].sort(
    (a, b) => FILE_ORDER.indexOf(a.file) - FILE_ORDER.indexOf(b.file) || a.line - b.line,
  );
  const zero = () => ({ CREATE: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0 });
  const counts = { familles: zero(), enfants: zero(), inscriptions: zero() };
  for (const line of lines) counts[line.file][line.action] += 1;
  return { applied, files: parsed.files, lines, counts, errorCount: lines.filter((l) => l.action === "ERROR").length, batches };
}

export interface ImportProgress {
  done: number;
  total: number;
}

/** The files read, cut into batches and planned against the portal as it is (the dry run): nothing written. */
export async function checkImport(files: ImportFiles, batchSize?: number) {
  const parsed = parseImportFiles(files);
  const batches = batchesOf(parsed, batchSize);
  const catalog = await loadCatalog(db);
  const dry = report(parsed, await planAll(batches, catalog), false, batches.length);
  return { parsed, batches, catalog, dry };
}

/**
 * Writes batches in order from `from`, each in its own transaction planned again under its locks; `inBatch` runs
 * in that transaction (a run counts its progress there, so a batch and its count commit together). Stops between
 * two batches when `signal` is aborted, as a stopped server would.
 */
export async function applyBatches(input: {
  batches: ImportBatch[];
  catalog: Catalog;
  actor: Actor;
  now: Date;
  from?: number;
  signal?: AbortSignal;
  inBatch?: (tx: Tx, lines: ReportLine[]) => Promise<unknown>;
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
}): Promise<{ lines: ReportLine[]; stopped: boolean }> {
  const lines: ReportLine[] = [];
  for (let index = input.from ?? 0; index < input.batches.length; index++) {
    if (input.signal?.aborted) return { lines, stopped: true };
    lines.push(...(await applyBatch(input.batches[index]!, input.catalog, input.actor, input.now, input.inBatch)));
    await input.onProgress?.({ done: index + 1, total: input.batches.length });
  }
  return { lines, stopped: false };
}

/**
 * Reads the files and plans them (dry run), or — `apply` — plans them and, only when no line has an error,
 * writes them batch by batch, in this process (the command line, tests; the page runs it in the background:
 * import-runs.ts). `onProgress` is told after each batch written.
 */
export async function runImport(input: {
  files: ImportFiles;
  apply: boolean;
  actor: Actor;
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Tests only: stop after this many batches written (a crash in the middle). */
  stopAfterBatches?: number;
  batchSize?: number;
}): Promise<ImportReport> {
  const { parsed, batches, catalog, dry } = await checkImport(input.files, input.batchSize);
  if (!input.apply || dry.errorCount > 0) return dry;
  const signal = new AbortController();
  const { lines } = await applyBatches({
    batches,
    catalog,
    actor: input.actor,
    now: new Date(),
    signal: signal.signal,
    onProgress: async (progress) => {
      if (input.stopAfterBatches !== undefined && progress.done >= input.stopAfterBatches) signal.abort();
      await input.onProgress?.(progress);
    },
  });
  return report(parsed, lines, true, batches.length);
}

/** Dry-run batches planned at once: one's reads overlap another's matching (pure reads on the pool). */
const DRY_RUN_CONCURRENCY = 3;

async function planAll(batches: ImportBatch[], catalog: Catalog): Promise<ReportLine[]> {
  const lines: ReportLine[][] = new Array<ReportLine[]>(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const index = next++;
      lines[index] = (await planBatch(db, batches[index]!, catalog)).lines;
    }
  };
  await Promise.all(Array.from({ length: Math.min(DRY_RUN_CONCURRENCY, batches.length) }, worker));
  return lines.flat();
}

class BatchChanged extends UserFacingError {}

async function applyBatch(
  batch: ImportBatch,
  catalog: Catalog,
  actor: Actor,
  now: Date,
  inBatch?: (tx: Tx, lines: ReportLine[]) => Promise<unknown>,
): Promise<ReportLine[]> {
  try {
    return await transaction(
      async (tx) => {
        // Lock order (docs/locks.md): the families, then the places of each activity and period named.
        const known = await tx.user.findMany({ where: { email: { in: batch.emails } }, select: { familyId: true } });
        await lockFamilies(
          tx,
          known.flatMap((u) => (u.familyId ? [u.familyId] : [])),
        );
        const places = new Map<string, { activityId: string; periodId: string }>();
        for (const row of batch.inscriptions) {
          const place = resolvePlace(catalog, row);
          if (place) places.set(`${place.activity.id}:${place.period.id}`, { activityId: place.activity.id, periodId: place.period.id });
        }
        for (const key of [...places.keys()].sort())
          await lockInscriptionPlaces(tx, places.get(key)!.activityId, places.get(key)!.periodId);
        const plan = await planBatch(tx, batch, catalog);
        if (plan.hasErrors) {
          const first = plan.lines.find((l) => l.action === "ERROR")!;
          throw new BatchChanged(
            `Le portail a changé depuis la vérification (${first.file}, ligne ${first.line} : ${first.errors[0]?.message ?? "erreur"}). Relancez la vérification : les lots déjà importés seront « inchangés ».`,
          );
        }
        await writeBatch(tx, plan.writes, { actor, now, reason: IMPORT_REASON });
        await inBatch?.(tx, plan.lines);
        return plan.lines;
      },
      { timeout: 120_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error))
      throw new UserFacingError(
        "Un compte a été créé entre-temps avec un e-mail de ce lot. Relancez l'import : ce qui est déjà importé sera « inchangé ».",
      );
    throw error;
  }
}
