import { count } from "@/lib/format";
import "server-only";

import { MAX_BULK } from "@/lib/bulk-schema";
import { UserFacingError } from "@/lib/errors";

/**
 * What a decision on many items did, the same for every bulk decision (account, change and inscription
 * requests, reservations, cancellations, documents): the ids decided, and each one left with why.
 */
export interface BulkReport {
  /** The ids decided. */
  done: string[];
  /** Said per item: one changed meanwhile, a waiting one still without a place… */
  notDone: { id: string; message: string }[];
}

export function emptyReport(): BulkReport {
  return { done: [], notDone: [] };
}

/**
 * Applies one decision to many requests, each in its own transaction: one
 * request already decided elsewhere does not block the others, and each
 * failure is reported rather than hidden.
 */
export async function forEachRequest(ids: string[], decide: (id: string) => Promise<void>): Promise<BulkReport> {
  const report = emptyReport();
  for (const id of [...new Set(ids)].slice(0, MAX_BULK)) {
    try {
      await decide(id);
      report.done.push(id);
    } catch (error) {
      if (!(error instanceof UserFacingError)) console.error("[bulk] erreur inattendue :", error);
      report.notDone.push({ id, message: error instanceof UserFacingError ? error.message : "Erreur inattendue" });
    }
  }
  return report;
}

/**
 * The French message of a bulk decision: what was done (« 3 demandes validées », or a sentence of its own),
 * then what was not. Items whose message names them are said one by one (« Léa : le document a changé
 * entre-temps… »); requests whose message does not (`unnamed`) are counted with the first reason
 * (« 1 non traitée : Déjà traitée… »).
 */
export function bulkMessage(
  report: BulkReport,
  said: { done: readonly [singular: string, plural: string] | string; then?: string; unnamed?: boolean },
): string {
  const done = typeof said.done === "string" ? said.done : count(report.done.length, said.done[0], said.done[1]);
  const summary = `${done}${said.then ? ` ; ${said.then}` : ""}.`;
  if (report.notDone.length === 0) return summary;
  if (said.unnamed) return `${summary} ${count(report.notDone.length, "non traitée", "non traitées")} : ${report.notDone[0].message}`;
  return [summary, ...report.notDone.map((n) => n.message)].join(" ");
}

/** « 3 demandes validées » / « 3 demandes refusées »: the words of a decision on requests. */
export const DECIDED_REQUESTS = {
  validate: ["demande validée", "demandes validées"],
  refuse: ["demande refusée", "demandes refusées"],
} as const satisfies Record<string, readonly [string, string]>;
