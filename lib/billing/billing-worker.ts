import { takeQueuedBillingRun } from "./run-billing";

const globalForWorker = globalThis as unknown as { billingWorker?: NodeJS.Timeout };

/**
 * Runs, inside this server, the billing runs recorded by servers whose billing worker is off (BILLING_WORKER=off):
 * looks every few seconds, one run at a time. Off here too with BILLING_WORKER=off — then this server's runs wait
 * for another one's worker (docs/deploiement.md, « N serveurs web + un serveur de traitement »).
 */
export function startBillingWorker(intervalMs = Number(process.env.BILLING_WORKER_INTERVAL_MS ?? 3000)): void {
  if (globalForWorker.billingWorker || process.env.BILLING_WORKER === "off") return;
  let running = false;
  globalForWorker.billingWorker = setInterval(() => {
    if (running) return;
    running = true;
    takeQueuedBillingRun()
      .catch((error: unknown) => console.error("[facturation] le serveur de traitement a échoué :", error))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  globalForWorker.billingWorker.unref();
}
