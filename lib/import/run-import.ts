import "server-only";
import { db, isUniqueViolation, transaction } from "@/lib/db";
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

function report(parsed: ParsedImport, planned: ReportLine[], applied: boolean, batches: number): ImportReport {
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

/**
 * Reads the files and plans them (dry run), or — `apply` — plans them and, only when no line has an error,
 * writes them batch by batch. `onProgress` is told after each batch written.
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
  const parsed = parseImportFiles(input.files);
  const batches = batchesOf(parsed, input.batchSize);
  const catalog = await loadCatalog(db);
  const now = new Date();
  const dry = report(parsed, await planAll(batches, catalog), false, batches.length);
  if (!input.apply || dry.errorCount > 0) return dry;

  const written: ReportLine[] = [];
  for (const [index, batch] of batches.entries()) {
    if (input.stopAfterBatches !== undefined && index >= input.stopAfterBatches) break;
    written.push(...(await applyBatch(batch, catalog, input.actor, now)));
    await input.onProgress?.({ done: index + 1, total: batches.length });
  }
  return report(parsed, written, true, batches.length);
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

async function applyBatch(batch: ImportBatch, catalog: Catalog, actor: Actor, now: Date): Promise<ReportLine[]> {
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
