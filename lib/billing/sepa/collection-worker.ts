import { collectDueDebits } from "./collect";

const globalForWorker = globalThis as unknown as { sepaCollectionWorker?: NodeJS.Timeout };

/**
 * Collects the debits whose due date has passed (ADR 053) inside the server process: two minutes after start, then
 * every `intervalMs` (an hour). Idempotent: a debit moves from « en attente » once, whatever the runs or servers.
 */
export function startSepaCollectionWorker(intervalMs = Number(process.env.SEPA_WORKER_INTERVAL_MS ?? 3_600_000)): void {
  if (globalForWorker.sepaCollectionWorker || process.env.SEPA_WORKER === "off") return;
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    collectDueDebits()
      .then(({ collected }) => {
        if (collected > 0) console.log(`[prélèvement] ${collected} prélèvement(s) arrivé(s) à échéance enregistré(s) comme payé(s)`);
      })
      .catch((error: unknown) => console.error("[prélèvement] l'encaissement des prélèvements échus a échoué :", error))
      .finally(() => {
        running = false;
      });
  };
  setTimeout(run, 120_000).unref();
  globalForWorker.sepaCollectionWorker = setInterval(run, intervalMs);
  globalForWorker.sepaCollectionWorker.unref();
}
