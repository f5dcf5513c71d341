import { count } from "@/lib/format";
import "server-only";

import { MAX_BULK } from "@/lib/bulk-schema";
import { UserFacingError } from "@/lib/errors";

export interface BulkResult {
  done: number;
  failed: { id: string; error: string }[];
}

/**
 * Applies one decision to many requests, each in its own transaction: one
 * request already decided elsewhere does not block the others, and each
 * failure is reported rather than hidden.
 */
export async function forEachRequest(ids: string[], decide: (id: string) => Promise<void>): Promise<BulkResult> {
  const result: BulkResult = { done: 0, failed: [] };
  for (const id of [...new Set(ids)].slice(0, MAX_BULK)) {
    try {
      await decide(id);
      result.done += 1;
    } catch (error) {
      if (!(error instanceof UserFacingError)) console.error("[bulk] erreur inattendue :", error);
      result.failed.push({ id, error: error instanceof UserFacingError ? error.message : "Erreur inattendue" });
    }
  }
  return result;
}

export function bulkMessage(result: BulkResult, verb: string): string {
  const done = `${result.done} demande${result.done > 1 ? "s" : ""} ${verb}${result.done > 1 ? "s" : ""}.`;
  return result.failed.length === 0
    ? done
    : `${done} ${count(result.failed.length, "non traitée", "non traitées")} : ${result.failed[0].error}`;
}
