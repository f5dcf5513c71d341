export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startEmailWorker } = await import("@/lib/email/worker");
    startEmailWorker();
    const { startReminderWorker } = await import("@/lib/reservations/reminder-worker");
    startReminderWorker();
    const { startRetentionWorker } = await import("@/lib/privacy/purge-expired-documents");
    startRetentionWorker();
    const { startBillingWorker } = await import("@/lib/billing/billing-worker");
    startBillingWorker();
    const { startSepaCollectionWorker } = await import("@/lib/billing/sepa/collection-worker");
    startSepaCollectionWorker();
  }
}
